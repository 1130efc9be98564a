package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The worker-split GEMM against ND4J's mmul, for every transpose and both ways of splitting; the
 * engine's float32 products (with a bias) against float64.
 */
@Timeout(60) // runs worker threads: a hang fails the test instead of the build
class MatMulKernelsTest {
    @Test
    void matchesNd4jForEveryTransposeSplitByRowsOrColumns() {
        SplittableRandom rng = new SplittableRandom(12);
        int before = Threads.count();
        try {
            for (int threads : new int[] {1, 3}) {
                Threads.set(threads);
                // [m, k, n]: more rows than columns, more columns than rows, and one too small to split.
                for (int[] mkn : new int[][] {{301, 97, 83}, {37, 160, 411}, {5, 4, 3}, {1, 2, 1}}) {
                    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                        for (int t = 0; t < 4; t++) {
                            boolean ta = (t & 1) != 0;
                            boolean tb = (t & 2) != 0;
                            int m = mkn[0];
                            int k = mkn[1];
                            int n = mkn[2];
                            INDArray a = RandomArrays.randn(rng, type, ta ? k : m, ta ? m : k);
                            INDArray b = RandomArrays.randn(rng, type, tb ? n : k, tb ? k : n);
                            INDArray c = RandomArrays.randn(rng, type, m, n);
                            INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).addi(c.mul(0.5));
                            MatMulKernels.gemm(a, ta, b, tb, c, 0.5);
                            double tol = type == DataType.DOUBLE ? 1e-12 : 1e-4;
                            assertAllClose(expected, c, tol, tol, threads + " threads " + type + " m,k,n=" + m + "," + k + ","
                                    + n + " transA=" + ta + " transB=" + tb);
                        }
                    }
                }
            }
        } finally {
            Threads.set(before);
        }
    }

    /**
     * Splitting over workers changes which GEMM computes an element, not the sums inside it (the
     * BLAS path: on the own engine, where no engine kernel takes float32 products).
     */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        ConvKernels.using(ConvEngines.own(), () -> {
            assertSameBitsOverThreadCounts();
            return null;
        });
    }

    private static void assertSameBitsOverThreadCounts() {
        SplittableRandom rng = new SplittableRandom(13);
        int before = Threads.count();
        try {
            for (int[] mkn : new int[][] {{301, 97, 83}, {37, 160, 411}, {64, 3136, 128}, {128, 64, 3136}}) {
                INDArray a = RandomArrays.randn(rng, DataType.FLOAT, mkn[0], mkn[1]);
                INDArray b = RandomArrays.randn(rng, DataType.FLOAT, mkn[1], mkn[2]);
                float[] first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Threads.set(threads);
                    INDArray c = Nd4j.create(DataType.FLOAT, mkn[0], mkn[2]);
                    MatMulKernels.gemm(a, false, b, false, c, 0);
                    if (first == null) {
                        first = c.data().asFloat();
                    } else {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(first, c.data().asFloat(), 0f,
                                threads + " threads vs 1, m,k,n=" + java.util.Arrays.toString(mkn));
                    }
                }
            }
        } finally {
            Threads.set(before);
        }
    }

    /**
     * float32 products on the current engine (oneDNN's matmul where it loads), with and without a
     * bias, for every transpose, against the float64 product of the same numbers.
     */
    @Test
    void float32ProductsWithBiasMatchFloat64() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int[] mkn : new int[][] {{64, 3136, 128}, {37, 160, 411}, {5, 4, 3}, {1, 2, 1}}) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                INDArray a = RandomArrays.randn(rng, DataType.FLOAT, ta ? k : m, ta ? m : k);
                INDArray b = RandomArrays.randn(rng, DataType.FLOAT, tb ? n : k, tb ? k : n);
                INDArray bias = RandomArrays.randn(rng, DataType.FLOAT, n);
                INDArray a64 = a.castTo(DataType.DOUBLE);
                INDArray b64 = b.castTo(DataType.DOUBLE);
                INDArray product = (ta ? a64.transpose() : a64).mmul(tb ? b64.transpose() : b64);
                INDArray c = Nd4j.create(DataType.FLOAT, m, n).assign(Float.NaN);
                MatMulKernels.gemm(a, ta, b, tb, c, 0);
                String where = "m,k,n=" + m + "," + k + "," + n + " transA=" + ta + " transB=" + tb;
                double tol = 1e-5 * Math.sqrt(k);
                assertAllClose(product, c.castTo(DataType.DOUBLE), tol, tol, where);
                if (!ta) {
                    // linear's layout: y = x·wᵀ + bias with w [n, k]
                    INDArray w = tb ? b : b.transpose().dup();
                    INDArray y = MatMulKernels.linear(a, w, bias);
                    INDArray expected = product.addRowVector(bias.castTo(DataType.DOUBLE));
                    assertAllClose(expected, y.castTo(DataType.DOUBLE), tol, tol, "linear " + where);
                }
            }
        }
    }

    @Test
    void aBiasOfTheWrongLengthIsNamed() {
        SplittableRandom rng = new SplittableRandom(2);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, 3, 4);
        INDArray w = RandomArrays.randn(rng, DataType.FLOAT, 5, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> MatMulKernels.linear(x, w, RandomArrays.randn(rng, DataType.FLOAT, 4)));
        assertTrue(e.getMessage().contains("bias") && e.getMessage().contains("5 elements")
                && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void mismatchedShapesAreNamed() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray a = RandomArrays.randn(rng, 3, 4);
        INDArray b = RandomArrays.randn(rng, 5, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> MatMulKernels.gemm(a, false, b, false, RandomArrays.randn(rng, 3, 2), 0));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[5, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MatMulKernels.gemm(a.transpose(), false, a, false, RandomArrays.randn(rng, 4, 4), 0));
        assertTrue(e.getMessage().contains("c-contiguous") && e.getMessage().contains("strides"), e.getMessage());
    }
}
