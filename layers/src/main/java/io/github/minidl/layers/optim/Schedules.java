package io.github.minidl.layers.optim;

/** Argument checks shared by the schedules. */
final class Schedules {
    private Schedules() {
    }

    static void checkRate(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be finite and non-negative");
        }
    }
}
