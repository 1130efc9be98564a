package io.github.minidl.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products for dense layers on minidl's workers. OpenBLAS runs at one thread (see
 * {@link Blas}), so a product large enough to pay for it is split into blocks of rows (or of
 * columns, whichever dimension is longer), one block per worker.
 */
public final class MatMulKernels {
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;

    private MatMulKernels() {
    }

    /** Whether rows are contiguous and follow each other (what BLAS's row-major layout needs). */
    private static boolean rowMajor(INDArray a) {
        return (a.size(1) <= 1 || a.stride(1) == 1) && (a.size(0) <= 1 || a.stride(0) == a.size(1));
    }

    /**
     * c = op(a)·op(b) + beta·c, where op transposes when asked; all three 2-D, c-contiguous and
     * of one float type.
     */
    public static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double beta) {
        for (INDArray t : new INDArray[] {a, b, c}) {
            if (t == null || t.rank() != 2 || !rowMajor(t)) {
                throw new IllegalArgumentException("gemm operands must be 2-D c-contiguous arrays; got "
                        + (t == null ? "null" : Arrays.toString(t.shape()) + " with strides " + Arrays.toString(t.stride())));
            }
        }
        ConvArguments.requireSameFloatType("gemm", a, b, c);
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        long aRows = transA ? a.size(1) : a.size(0);
        long bRows = transB ? b.size(1) : b.size(0);
        long bCols = transB ? b.size(0) : b.size(1);
        if (aRows != m || bRows != k || bCols != n) {
            throw new IllegalArgumentException(String.format("gemm shapes do not chain: op(a) %s, op(b) %s, c %s",
                    Arrays.toString(new long[] {aRows, k}), Arrays.toString(new long[] {bRows, bCols}),
                    Arrays.toString(c.shape())));
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        long work = (long) m * n * k;
        boolean byRows = m >= n;
        int workers = work < PARALLEL_WORK ? 1 : Threads.workersFor(byRows ? m : n);
        if (workers == 1) {
            Blas.gemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, beta, c, 0, n);
            return;
        }
        Blas.useOneThread();
        Threads.forRange(byRows ? m : n, (worker, from, to) -> {
            if (byRows) {
                Blas.gemm(transA, transB, to - from, n, k, a, transA ? from : (long) from * k, lda,
                        b, 0, ldb, beta, c, (long) from * n, n);
            } else {
                Blas.gemm(transA, transB, m, to - from, k, a, 0, lda,
                        b, transB ? (long) from * k : from, ldb, beta, c, from, n);
            }
        });
    }
}
