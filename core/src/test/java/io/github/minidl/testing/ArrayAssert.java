package io.github.minidl.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise comparison of arrays whose failure names the worst element and both values. */
public final class ArrayAssert {
    private ArrayAssert() {
    }

    /** |expected - actual| ≤ atol + rtol·|expected| everywhere, same shape. */
    public static void assertAllClose(INDArray expected, INDArray actual, double atol, double rtol, String what) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                fail(what + ": expected " + (expected == null ? "null" : "an array") + " but got "
                        + (actual == null ? "null" : Arrays.toString(actual.shape())));
            }
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            double excess = diff - (atol + rtol * Math.abs(e[i]));
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            fail(String.format("%s: element %d (index %s) differs: expected %.17g, got %.17g (|diff| %.3g > atol %.1g + rtol %.1g)",
                    what, worst, Arrays.toString(unravel(worst, expected.shape())), e[worst], a[worst],
                    Math.abs(e[worst] - a[worst]), atol, rtol));
        }
    }

    public static void assertAllClose(INDArray expected, INDArray actual, double atol, String what) {
        assertAllClose(expected, actual, atol, 0, what);
    }

    public static void assertClose(double expected, double actual, double atol, String what) {
        assertEquals(expected, actual, atol, what);
    }

    /**
     * Same dtype, same shape and the same bits in every element (so -0.0 differs from 0.0 and NaN
     * payloads count); unlike {@code INDArray.equals}, which tolerates differences up to 1e-5.
     */
    public static void assertBitEqual(INDArray expected, INDArray actual, String what) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                fail(what + ": expected " + (expected == null ? "null" : "an array") + " but got "
                        + (actual == null ? "null" : "an array"));
            }
            return;
        }
        assertEquals(expected.dataType(), actual.dataType(), what + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        long[] e = rawBits(expected);
        long[] a = rawBits(actual);
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) {
                fail(String.format("%s: element %d (index %s) differs in its bits: expected %s (0x%x), got %s (0x%x)",
                        what, i, Arrays.toString(unravel(i, expected.shape())), expected.dup('c').getDouble(i), e[i],
                        actual.dup('c').getDouble(i), a[i]));
            }
        }
    }

    /** The same keys, in any order, and {@link #assertBitEqual} for every entry. */
    public static void assertBitEqual(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), what + ": keys");
        expected.forEach((k, v) -> assertBitEqual(v, actual.get(k), what + " '" + k + "'"));
    }

    /** Every element's bits in c order, widened to a long. */
    private static long[] rawBits(INDArray x) {
        INDArray c = x.dup('c');
        DataType t = c.dataType();
        if (t == DataType.DOUBLE) {
            return Arrays.stream(c.data().asDouble()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        if (t.isFPType()) {
            // float32 exactly, or a half type widened to float32 exactly.
            float[] f = c.data().asFloat();
            long[] out = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = Float.floatToRawIntBits(f[i]);
            }
            return out;
        }
        return c.data().asLong();
    }

    static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return idx;
    }
}
