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

/** The worker-split GEMM against ND4J's mmul, for every transpose and both ways of splitting. */
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

    /** Splitting over workers changes which GEMM computes an element, not the sums inside it. */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SplittableRandom rng = new SplittableRandom(13);
        int before = Threads.count();
        try {
            for (int[] mkn : new int[][] {{301, 97, 83}, {37, 160, 411}, {64, 3136, 128}, {128, 64, 3136}}) {
                INDArray a = RandomArrays.randn(rng, DataType.FLOAT, mkn[0], mkn[1]);
                INDArray b = RandomArrays.randn(rng, DataType.FLOAT, mkn[1], mkn[2]);
                float[] first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Threads.set(threads);
                    INDArray c = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, mkn[0], mkn[2]);
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
