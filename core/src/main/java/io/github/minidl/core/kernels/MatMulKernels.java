package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvArguments;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products for dense layers on minidl's workers. OpenBLAS runs at one thread (see
 * {@link Blas}), so a product large enough to pay for it is split into blocks of 64 rows (or
 * columns, whichever dimension is longer) that the workers share out.
 */
public final class MatMulKernels {
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    /** Rows (or columns) per block: a multiple of OpenBLAS's register tiles. */
    private static final int BLOCK = 64;

    private MatMulKernels() {
    }

    /** {@code a} itself when it is c-contiguous (what {@link #gemm} takes), else a c-ordered copy. */
    public static INDArray contiguous(INDArray a) {
        return HostBuffer.contiguous(a);
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
        int extent = byRows ? m : n;
        int blocks = (extent + BLOCK - 1) / BLOCK;
        if (work < PARALLEL_WORK || blocks == 1) {
            Blas.gemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, beta, c, 0, n);
            return;
        }
        // The blocks depend on the shape only, so each element comes from the same GEMM call
        // (and the same bits) whatever the number of workers.
        Blas.useOneThread();
        Threads.forRange(blocks, (worker, fromBlock, toBlock) -> {
            for (int block = fromBlock; block < toBlock; block++) {
                int from = block * BLOCK;
                int size = Math.min(BLOCK, extent - from);
                if (byRows) {
                    Blas.gemm(transA, transB, size, n, k, a, transA ? from : (long) from * k, lda,
                            b, 0, ldb, beta, c, (long) from * n, n);
                } else {
                    Blas.gemm(transA, transB, m, size, k, a, 0, lda,
                            b, transB ? (long) from * k : from, ldb, beta, c, from, n);
                }
            }
        });
    }
}
