package io.github.minidl.core;

/**
 * Checks that a numeric argument lies in its range, for hyperparameters and settings. Each throws
 * an {@link IllegalArgumentException} naming the parameter, its value and the range, e.g.
 * {@code beta1=1.0 must lie in [0, 1)}, and otherwise returns the value. NaN lies in no range.
 */
public final class RangeChecks {
    private RangeChecks() {
    }

    /** {@code 0 ≤ value < ∞}. */
    public static double finiteNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be finite and non-negative");
        }
        return value;
    }

    /** {@code 0 < value < ∞}. */
    public static double finitePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "=" + value + " must be finite and positive");
        }
        return value;
    }

    /** {@code lo ≤ value ≤ hi}. */
    public static double inClosed(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + "=" + value + " must lie in [" + bound(lo) + ", " + bound(hi) + "]");
        }
        return value;
    }

    /** {@code lo ≤ value < hi}. */
    public static double inClosedOpen(String name, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(name + "=" + value + " must lie in [" + bound(lo) + ", " + bound(hi) + ")");
        }
        return value;
    }

    /** {@code value > 0}. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be positive");
        }
        return value;
    }

    /** {@code value ≥ 0}. */
    public static int nonNegative(String name, int value) {
        return (int) nonNegative(name, (long) value);
    }

    /** {@code value ≥ min}, for counts such as epochs and batch sizes. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + "=" + value + " must be at least " + min);
        }
        return value;
    }

    /** {@code value ≥ 0}, for counts that may be zero. */
    public static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be non-negative");
        }
        return value;
    }

    /** A bound as people write it: 0 and 1, not 0.0 and 1.0. */
    private static String bound(double b) {
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }
}
