package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvArguments;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products for dense layers. float32 products go to the engine first (oneDNN's matmul,
 * on the threads its convolutions use); the rest run on OpenBLAS at one thread (see {@link Blas}),
 * a product large enough to pay for it split into blocks of 64 rows (or columns, whichever
 * dimension is longer) that minidl's workers share out.
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
        multiply(a, transA, b, transB, null, c, beta);
    }

    /**
     * y = x·wᵀ + bias as a new array, a dense layer's forward: x [batch, in], w [out, in], bias
     * [out] or null, all c-contiguous and of one float type.
     */
    public static INDArray linear(INDArray x, INDArray w, INDArray bias) {
        INDArray y = NativeMemory.uninitialized(x.dataType(), x.size(0), w.size(0));
        multiply(x, false, w, true, bias, y, 0.0);
        return y;
    }

    private static void multiply(INDArray a, boolean transA, INDArray b, boolean transB, INDArray bias, INDArray c,
                                 double beta) {
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
        if (bias != null && (bias.length() != n || bias.dataType() != c.dataType() || !bias.isVector())) {
            throw new IllegalArgumentException("gemm bias must be a " + c.dataType() + " vector of " + n
                    + " elements; got " + bias.dataType() + " " + Arrays.toString(bias.shape()));
        }
        if (beta == 0.0 && ConvKernels.engineFor(c).matmul(a, transA, b, transB, bias, c)) {
            return;
        }
        blasGemm(a, transA, b, transB, c, beta, m, n, k);
        if (bias != null) {
            c.addiRowVector(bias);
        }
    }

    private static void blasGemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double beta,
                                 int m, int n, int k) {
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
