package io.github.minidl.layers.loss;

/** Null checks shared by the losses. */
final class Losses {
    private Losses() {
    }

    static void notNull(Object input, Object target) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
    }
}
