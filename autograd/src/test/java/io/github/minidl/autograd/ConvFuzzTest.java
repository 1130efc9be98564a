package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.views.ConvViews;
import io.github.minidl.testing.ArrayAssert;
import io.github.minidl.testing.RandomArrays;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded, bounded fuzzing of {@link F#conv2d} and {@link F#convTranspose2d} with random
 * configurations, valid and invalid. Validity is decided here, from PyTorch's rules written out
 * independently of {@code ConvSpec}: a valid call must match the sliding-window reference and be
 * finite; an invalid one must throw {@link IllegalArgumentException} — nothing else.
 */
class ConvFuzzTest {
    private static final int CASES = 600;

    /** One random call: shapes, parameters and dtypes. */
    private record Call(boolean transposed, long[] x, long[] w, long[] b, int[] stride, int[] padding,
                        int[] dilation, int[] outputPadding, int groups, boolean mixedTypes) {
        @Override
        public String toString() {
            return (transposed ? "convTranspose2d" : "conv2d") + " x=" + Arrays.toString(x) + " w=" + Arrays.toString(w)
                    + " b=" + Arrays.toString(b) + " stride=" + Arrays.toString(stride) + " padding=" + Arrays.toString(padding)
                    + " dilation=" + Arrays.toString(dilation) + " outputPadding=" + Arrays.toString(outputPadding)
                    + " groups=" + groups + (mixedTypes ? " mixed dtypes" : "");
        }
    }

    @Test
    void randomConfigurationsEitherMatchTheReferenceOrFailCleanly() {
        SplittableRandom rng = new SplittableRandom(20261128);
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < CASES; i++) {
            Call c = randomCall(rng);
            boolean expectedValid = isValid(c);
            try {
                check(c, rng.split());
                if (!expectedValid) {
                    fail("accepted an invalid call: " + c);
                }
                valid++;
            } catch (IllegalArgumentException e) {
                if (expectedValid) {
                    fail("rejected a valid call: " + c + ": " + e.getMessage());
                }
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "empty message for " + c);
                invalid++;
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail("unexpected " + t + " for " + c, t);
            }
        }
        org.slf4j.LoggerFactory.getLogger(ConvFuzzTest.class).info("conv fuzz: {} valid calls matched the reference, {} invalid calls rejected", valid, invalid);
        // Both families must be well represented for the test to mean something.
        assertTrue(valid > CASES / 5, "valid cases: " + valid);
        assertTrue(invalid > CASES / 5, "invalid cases: " + invalid);
    }

    private static void check(Call c, SplittableRandom rng) {
        DataType type = DataType.DOUBLE;
        Tensor x = c.x() == null ? null : Tensor.of(random(rng, type, c.x()));
        Tensor w = c.w() == null ? null : Tensor.of(random(rng, c.mixedTypes() ? DataType.FLOAT : type, c.w()));
        Tensor b = c.b() == null ? null : Tensor.of(random(rng, type, c.b()));
        if (c.transposed()) {
            Tensor y = F.convTranspose2d(x, w, b, c.stride(), c.padding(), c.outputPadding(), c.groups(), c.dilation());
            TransposedConvSpec s = ConvSpec.builder((int) c.w()[0], (int) (c.w()[1] * c.groups()), (int) c.w()[2],
                    (int) c.w()[3]).stride(c.stride()).padding(c.padding()).dilation(c.dilation())
                    .outputPadding(c.outputPadding()).groups(c.groups()).buildTransposed();
            compare(ConvViews.slidingWindowTranspose(x.data(), w.data(), b == null ? null : b.data(), s), y, c);
        } else {
            Tensor y = F.conv2d(x, w, b, c.stride(), c.padding(), c.dilation(), c.groups());
            ConvSpec s = ConvSpec.builder((int) (c.w()[1] * c.groups()), (int) c.w()[0], (int) c.w()[2], (int) c.w()[3])
                    .stride(c.stride()).padding(c.padding()).dilation(c.dilation()).groups(c.groups()).build();
            compare(ConvViews.slidingWindow(x.data(), w.data(), b == null ? null : b.data(), s), y, c);
        }
    }

    private static void compare(INDArray expected, Tensor actual, Call c) {
        assertFalse(actual.data().isNaN().any() || actual.data().isInfinite().any(), "non-finite output for " + c);
        ArrayAssert.assertAllClose(expected, actual.data(), 1e-11, 1e-11, c.toString());
    }

    private static Call randomCall(SplittableRandom r) {
        boolean transposed = r.nextBoolean();
        int groups = rare(r, pick(r, 1, 1, 2, 3), pick(r, 0, -1));
        int perGroupIn = 1 + r.nextInt(3);
        int perGroupOut = 1 + r.nextInt(3);
        int g = Math.max(groups, 1);
        int in = g * perGroupIn + rare(r, 0, 1);
        int out = g * perGroupOut + rare(r, 0, 1);
        int kh = rare(r, 1 + r.nextInt(4), 0);
        int kw = rare(r, 1 + r.nextInt(4), 0);
        long n = rare(r, 1 + r.nextInt(3), 0);
        long h = rare(r, 1 + r.nextInt(9), 0);
        long wd = rare(r, 1 + r.nextInt(9), 0);
        long[] x = rare(r, 0, 1) == 0 ? new long[] {n, in + rare(r, 0, 1), h, wd} : new long[] {h, wd};
        long[] w = transposed ? new long[] {in + rare(r, 0, 1), perGroupOut, kh, kw} : new long[] {out, perGroupIn, kh, kw};
        if (rare(r, 0, 1) == 1) {
            w = new long[] {w[0], w[1], w[2]};
        }
        long bias = transposed ? (long) perGroupOut * g : out;
        long[] b = r.nextBoolean() ? null : new long[] {bias + rare(r, 0, 1)};
        int[] stride = {rare(r, 1 + r.nextInt(3), 0), rare(r, 1 + r.nextInt(3), -1)};
        int[] padding = {rare(r, r.nextInt(3), -1), rare(r, r.nextInt(3), -2)};
        int[] dilation = {rare(r, 1 + r.nextInt(3), 0), rare(r, 1 + r.nextInt(2), -1)};
        int[] outputPadding = transposed ? new int[] {rare(r, r.nextInt(3), -1), r.nextInt(3)} : new int[] {0, 0};
        return new Call(transposed, x, w, b, stride, padding, dilation, outputPadding, groups, rare(r, 0, 1) == 1);
    }

    /** Usually {@code usual}; one time in 25 {@code unusual} (most often an invalid value). */
    private static int rare(SplittableRandom r, int usual, int unusual) {
        return r.nextInt(25) == 0 ? unusual : usual;
    }

    /** PyTorch's rules, written out directly (plus minidl's: no empty batches, no mixed dtypes). */
    private static boolean isValid(Call c) {
        long[] x = c.x();
        long[] w = c.w();
        if (x.length != 4 || w.length != 4 || c.mixedTypes() || c.groups() < 1) {
            return false;
        }
        for (long d : x) {
            if (d < 1) {
                return false;
            }
        }
        if (w[2] < 1 || w[3] < 1) {
            return false;
        }
        for (int a = 0; a < 2; a++) {
            if (c.stride()[a] < 1 || c.dilation()[a] < 1 || c.padding()[a] < 0 || c.outputPadding()[a] < 0) {
                return false;
            }
        }
        long out;
        if (c.transposed()) {
            if (x[1] != w[0] || w[0] % c.groups() != 0) {
                return false;
            }
            out = w[1] * c.groups();
            for (int a = 0; a < 2; a++) {
                if (c.outputPadding()[a] >= Math.max(c.stride()[a], c.dilation()[a])) {
                    return false;
                }
                long size = (x[2 + a] - 1) * c.stride()[a] - 2L * c.padding()[a]
                        + (long) c.dilation()[a] * (w[2 + a] - 1) + c.outputPadding()[a] + 1;
                if (size < 1) {
                    return false;
                }
            }
        } else {
            if (x[1] != w[1] * c.groups() || w[0] % c.groups() != 0) {
                return false;
            }
            out = w[0];
            for (int a = 0; a < 2; a++) {
                long span = x[2 + a] + 2L * c.padding()[a] - (long) c.dilation()[a] * (w[2 + a] - 1) - 1;
                if (span < 0) {
                    return false;
                }
            }
        }
        return c.b() == null || (c.b().length == 1 && c.b()[0] == out);
    }

    private static INDArray random(SplittableRandom rng, DataType type, long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                return null;
            }
        }
        return RandomArrays.randn(rng, type, shape);
    }

    private static int pick(SplittableRandom r, int... values) {
        return values[r.nextInt(values.length)];
    }

    @Test
    void fuzzGeneratorIsDeterministic() {
        assertEquals(randomCall(new SplittableRandom(5)).toString(), randomCall(new SplittableRandom(5)).toString());
    }
}
