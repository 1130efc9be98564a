package io.github.minidl.core.pooling;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pooling kernels against PyTorch's golden cases, plus adjointness and validation. */
class PoolKernelsTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> maxPoolCases() {
        return Golden.cases("training_cases", "max_pool2d");
    }

    static Stream<GoldenCase> avgPoolCases() {
        return Golden.cases("training_cases", "avg_pool2d");
    }

    static Stream<GoldenCase> adaptiveCases() {
        return Golden.cases("training_cases", "adaptive_avg_pool2d");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPoolCases")
    void maxPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        MaxPoolArrays r = PoolKernels.maxPool2d(x, c.poolSpec());
        assertAllClose(c.tensor("y"), r.values(), 0, "y");
        assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(), "indices");
        INDArray gx = PoolKernels.scatterPlanes(c.tensor("gy"), r.indices(), (int) x.size(2), (int) x.size(3));
        assertAllClose(c.tensor("gx"), gx, TOL, "gx");
        assertAllClose(r.values(), PoolKernels.gatherPlanes(x, r.indices()), 0, "gather = forward");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPoolCases")
    void avgPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        PoolSpec s = c.poolSpec();
        assertAllClose(c.tensor("y"), PoolKernels.avgPool2d(x, s), TOL, "y");
        assertAllClose(c.tensor("gx"), PoolKernels.avgPool2dAdjoint(c.tensor("gy"), s, (int) x.size(2), (int) x.size(3)),
                TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptiveCases")
    void adaptiveAvgPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        int[] o = c.ints("output_size");
        assertAllClose(c.tensor("y"), PoolKernels.adaptiveAvgPool2d(x, o[0], o[1]), TOL, "y");
        assertAllClose(c.tensor("gx"), PoolKernels.adaptiveAvgPool2dAdjoint(c.tensor("gy"), (int) x.size(2), (int) x.size(3)),
                TOL, "gx");
    }

    @Test
    void averagePoolingAdjointsSatisfyTheDotProductIdentity() {
        var rng = new SplittableRandom(5);
        INDArray x = RandomArrays.randn(rng, 2, 3, 7, 6);
        PoolSpec s = PoolSpec.builder(new int[] {3, 2}).stride(new int[] {2, 1}).padding(1).ceilMode(true)
                .countIncludePad(false).build();
        INDArray y = PoolKernels.avgPool2d(x, s);
        INDArray g = RandomArrays.randn(rng, y.shape());
        double lhs = y.mul(g).sumNumber().doubleValue();
        double rhs = x.mul(PoolKernels.avgPool2dAdjoint(g, s, 7, 6)).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-10);
        INDArray a = PoolKernels.adaptiveAvgPool2d(x, 3, 4);
        INDArray ga = RandomArrays.randn(rng, a.shape());
        assertEquals(a.mul(ga).sumNumber().doubleValue(),
                x.mul(PoolKernels.adaptiveAvgPool2dAdjoint(ga, 7, 6)).sumNumber().doubleValue(), 1e-10);
    }

    /**
     * Max pooling against a direct loop with PyTorch's rules (padding is -∞, the first tap wins
     * ties, the last NaN wins), on values drawn from a small set so ties, NaN and -∞ are common:
     * covers the 2×2 stride-2 loop (even and odd sizes) and the general one (ceil mode, padding,
     * dilation, 3×3).
     */
    @Test
    void maxPoolMatchesADirectLoopWithTiesNaNAndInfinity() {
        SplittableRandom rng = new SplittableRandom(17);
        double[] palette = {-1, 0, -0.0, 0.5, 2, Double.NEGATIVE_INFINITY, Double.NaN};
        PoolSpec[] specs = {
            PoolSpec.builder(2).build(),
            PoolSpec.builder(2).ceilMode(true).build(),
            PoolSpec.builder(2).stride(2).padding(1).build(),
            PoolSpec.builder(3).stride(2).padding(1).dilation(new int[] {1, 2}).build(),
            PoolSpec.builder(new int[] {2, 3}).stride(new int[] {2, 1}).build(),
        };
        for (PoolSpec spec : specs) {
            for (int[] hw : new int[][] {{6, 8}, {7, 9}, {5, 5}}) {
                for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                    double[] v = new double[3 * 2 * hw[0] * hw[1]];
                    for (int i = 0; i < v.length; i++) {
                        // NaN now and then, so most windows still have a finite answer and some
                        // have two NaNs.
                        v[i] = rng.nextInt(12) == 0 ? Double.NaN : palette[rng.nextInt(palette.length - 1)];
                    }
                    INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(v).reshape(3, 2, hw[0], hw[1])
                            .castTo(type);
                    MaxPoolArrays r = PoolKernels.maxPool2d(x, spec);
                    int[] out = spec.outputSize(hw[0], hw[1]);
                    String where = spec + " on " + hw[0] + "x" + hw[1] + " " + type;
                    for (int p = 0; p < 6; p++) {
                        for (int i = 0; i < out[0]; i++) {
                            for (int j = 0; j < out[1]; j++) {
                                long at = referenceArgmax(v, p * hw[0] * hw[1], hw[0], hw[1], spec, i, j);
                                long[] o = {p / 2, p % 2, i, j};
                                assertEquals(at, r.indices().getLong(o), where + " index at " + p + "," + i + "," + j);
                                double expected = v[(int) (p * hw[0] * hw[1] + at)];
                                assertEquals(expected, r.values().getDouble(o), 0.0, where + " value");
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertBitsEqual(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertEquals(expected.dataType(), actual.dataType(), what + " dtype");
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < e.length; i++) {
            // Double.compare tells -0 from +0 and treats NaN as equal to NaN.
            assertEquals(0, Double.compare(e[i], a[i]), what + " at " + i + ": " + e[i] + " vs " + a[i]);
        }
    }

    /**
     * PyTorch's example: x = [[1, NaN], [NaN, 2]], kernel 2 gives index 2 (the last NaN) and
     * routes the gradient there, in the indexed kernel and in both 2×2 loops, in both dtypes.
     */
    @Test
    void theLastNaNOfAWindowWinsAsInPyTorch() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(1, Double.NaN, Double.NaN, 2)
                    .reshape(1, 1, 2, 2).castTo(type);
            INDArray gy = org.nd4j.linalg.factory.Nd4j.createFromArray(1.0).reshape(1, 1, 1, 1).castTo(type);
            double[] expected = {0, 0, 1, 0};
            MaxPoolArrays r = PoolKernels.maxPool2d(x, PoolSpec.builder(2).build());
            assertEquals(2, r.indices().getLong(0), type + " index");
            assertTrue(Double.isNaN(r.values().getDouble(0)), type + " value");
            assertArrayEquals(expected, PoolKernels.scatterPlanes(gy, r.indices(), 2, 2).castTo(DataType.DOUBLE)
                    .data().asDouble(), type + " indexed gradient");
            PairMaxPoolArrays pooled = PoolKernels.maxPool2x2(x);
            assertArrayEquals(expected, PoolKernels.maxPool2x2Backward(x, pooled.values(), pooled.workspace(), gy)
                    .castTo(DataType.DOUBLE)
                    .data().asDouble(), type + " 2x2 gradient");
            // A 3×3 window at stride 1 over [[1, NaN, 3], [NaN, 2, NaN], [0, 0, 0]]: PyTorch's indices.
            INDArray x3 = org.nd4j.linalg.factory.Nd4j.createFromArray(1, Double.NaN, 3, Double.NaN, 2, Double.NaN,
                    0, 0, 0).reshape(1, 1, 3, 3).castTo(type);
            MaxPoolArrays r3 = PoolKernels.maxPool2d(x3, PoolSpec.builder(3).stride(1).padding(1).build());
            assertArrayEquals(new long[] {3, 5, 5, 3, 5, 5, 3, 5, 5}, r3.indices().data().asLong(), type + " 3x3");
        }
    }

    static Stream<GoldenCase> nanCases() {
        return Golden.cases("parity_training_cases", "max_pool2d_nan");
    }

    /** PyTorch's windows with two or more NaNs: values (NaN where PyTorch has NaN), indices, gradient. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nanCases")
    void windowsWithSeveralNaNsMatchPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            MaxPoolArrays r = PoolKernels.maxPool2d(x.castTo(type), c.poolSpec());
            assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(),
                    type + " indices");
            assertBitsEqual(c.tensor("y").castTo(type), r.values(), type + " values");
            INDArray gx = PoolKernels.scatterPlanes(c.tensor("gy"), r.indices(), (int) x.size(2), (int) x.size(3));
            assertAllClose(c.tensor("gx"), gx, TOL, "gx");
            if (PoolKernels.isPairPooling(c.poolSpec(), (int) x.size(2), (int) x.size(3))) {
                PairMaxPoolArrays pooled = PoolKernels.maxPool2x2(x.castTo(type));
                assertBitsEqual(r.values(), pooled.values(), type + " 2x2 values");
                assertAllClose(c.tensor("gx"), PoolKernels.maxPool2x2Backward(x.castTo(type), pooled.values(),
                        pooled.workspace(), c.tensor("gy").castTo(type)), type == DataType.FLOAT ? 1e-6 : TOL, type + " 2x2 gx");
            }
        }
    }

    @Test
    void pairPoolingIsOnlyWholeTwoByTwoWindowsAtStrideTwo() {
        assertTrue(PoolKernels.isPairPooling(PoolSpec.builder(2).build(), 7, 9));
        assertTrue(PoolKernels.isPairPooling(PoolSpec.builder(2).ceilMode(true).build(), 8, 6));
        assertEquals(false, PoolKernels.isPairPooling(PoolSpec.builder(2).ceilMode(true).build(), 7, 6));
        assertEquals(false, PoolKernels.isPairPooling(PoolSpec.builder(2).stride(1).build(), 8, 8));
        assertEquals(false, PoolKernels.isPairPooling(PoolSpec.builder(2).stride(2).padding(1).build(), 8, 8));
        assertEquals(false, PoolKernels.isPairPooling(PoolSpec.builder(2).dilation(2).build(), 8, 8));
        assertEquals(false, PoolKernels.isPairPooling(PoolSpec.builder(3).stride(2).build(), 8, 8));
    }

    @Test
    void pairPoolingBackwardRejectsAMismatchedGradient() {
        INDArray x = RandomArrays.randn(new SplittableRandom(2), 1, 2, 4, 4);
        PairMaxPoolArrays pooled = PoolKernels.maxPool2x2(x);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.maxPool2x2Backward(x, pooled.values(), pooled.workspace(), RandomArrays.randn(new SplittableRandom(3), 1, 2, 3, 2)));
        assertTrue(e.getMessage().contains("[1, 2, 2, 2]") && e.getMessage().contains("[1, 2, 3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.maxPool2x2(RandomArrays.randn(new SplittableRandom(3), 1, 1, 1, 4)));
        assertTrue(e.getMessage().contains("1x4"), e.getMessage());
    }

    /** The plane position of window (i, j)'s maximum, scanning taps row by row. */
    private static long referenceArgmax(double[] v, int plane, int h, int w, PoolSpec s, int i, int j) {
        long bestAt = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < s.kernel(0); a++) {
            int r = i * s.stride(0) - s.padding(0) + a * s.dilation(0);
            for (int b = 0; b < s.kernel(1); b++) {
                int c = j * s.stride(1) - s.padding(1) + b * s.dilation(1);
                if (r < 0 || r >= h || c < 0 || c >= w) {
                    continue;
                }
                double x = v[plane + r * w + c];
                if (bestAt < 0 || x > best || Double.isNaN(x)) {
                    best = x;
                    bestAt = (long) r * w + c;
                }
            }
        }
        return bestAt;
    }

    @Test
    void float32StaysFloat32() {
        INDArray x = RandomArrays.randn(new SplittableRandom(6), DataType.FLOAT, 1, 2, 4, 4);
        PoolSpec s = PoolSpec.builder(2).build();
        assertEquals(DataType.FLOAT, PoolKernels.maxPool2d(x, s).values().dataType());
        assertEquals(DataType.FLOAT, PoolKernels.avgPool2d(x, s).dataType());
        assertEquals(DataType.FLOAT, PoolKernels.adaptiveAvgPool2d(x, 1, 1).dataType());
    }

    @Test
    void ceilModeDropsAWindowStartingInThePadding() {
        PoolSpec s = PoolSpec.builder(2).stride(2).padding(1).ceilMode(true).build();
        assertArrayEquals(new int[] {3, 3}, s.outputSize(5, 5));
        assertArrayEquals(new int[] {3, 3}, PoolSpec.builder(2).stride(2).padding(1).build().outputSize(5, 5));
        assertArrayEquals(new int[] {3, 3}, PoolSpec.builder(3).stride(2).ceilMode(true).build().outputSize(6, 6));
    }

    @Test
    void invalidSpecsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(2).padding(2).build());
        assertTrue(e.getMessage().contains("padding=[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(new int[] {0, 2}).build());
        assertTrue(e.getMessage().contains("kernelSize=[0, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(3).build().outputSize(2, 5));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.gatherPlanes(RandomArrays.randn(new SplittableRandom(1), 1, 1, 2, 2),
                        org.nd4j.linalg.factory.Nd4j.createFromArray(9L).reshape(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("indices"), e.getMessage());
    }
}
