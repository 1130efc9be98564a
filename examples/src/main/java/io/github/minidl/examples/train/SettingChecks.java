package io.github.minidl.examples.train;

/**
 * Range checks of run settings, shared by the settings records (which name their fields) and the
 * commands that read them (which name their options): {@code epochs=0 must be at least 1}.
 */
public final class SettingChecks {
    private SettingChecks() {
    }

    /**
     * Returns {@code value} when it is at least {@code min}.
     *
     * @throws IllegalArgumentException {@code name=value must be at least min}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + "=" + value + " must be at least " + min);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is not negative.
     *
     * @throws IllegalArgumentException {@code name=value must be non-negative}
     */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be non-negative");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is positive and finite (not NaN).
     *
     * @throws IllegalArgumentException {@code name=value must be a positive finite number}
     */
    public static double positiveFinite(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be a positive finite number");
        }
        return value;
    }
}
