package io.github.minidl.core.geometry;

import java.util.Arrays;

/**
 * Element counts that cannot overflow: products saturate at {@code Long.MAX_VALUE} instead of
 * wrapping, so a check against {@link #MAX_ELEMENTS} never passes a wrapped, small number.
 * Internal to core: public only for the kernels' own size checks.
 */
public final class Sizes {
    /** The most elements one array the kernels read or write may have (their indices are ints). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    private Sizes() {
    }

    /** The product of non-negative factors, or {@code Long.MAX_VALUE} when it does not fit a long. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f == 0) {
                return 0;
            }
            p = f > Long.MAX_VALUE / p ? Long.MAX_VALUE : p * f;
        }
        return p;
    }

    /** A count for a message: saturated counts read "more than 9223372036854775806". */
    public static String describe(long count) {
        return count == Long.MAX_VALUE ? "more than " + (Long.MAX_VALUE - 1) : Long.toString(count);
    }

    /**
     * Refuses an array shape with more than {@link #MAX_ELEMENTS} elements, naming what it is and
     * what to change.
     */
    static void requireArraySize(String what, long[] shape, String fix) {
        long n = product(shape);
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException(String.format("%s %s has %s elements; one array holds at most %d: %s",
                    what, Arrays.toString(shape), describe(n), MAX_ELEMENTS, fix));
        }
    }
}
