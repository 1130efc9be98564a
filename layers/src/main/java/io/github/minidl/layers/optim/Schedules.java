package io.github.minidl.layers.optim;

/** Argument checks shared by the schedules. */
final class Schedules {
    private Schedules() {
    }

    /** A rate or a multiplicative factor such as gamma: finite and non-negative (PyTorch accepts 0). */
    static void checkNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be finite and non-negative");
        }
    }
}
