package io.github.minidl.core.kernels;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major GEMM {@code C = op(A)·op(B) + beta·C} straight on the off-heap memory of ND4J arrays,
 * each operand addressed as (array, element offset, leading dimension). Going below
 * {@code Nd4j.gemm} lets a kernel multiply one sample's block of a larger array in place (no view
 * objects, no copies) and call GEMM from several worker threads at once, which the OpenBLAS
 * bundled with ND4J allows.
 *
 * <p>minidl's kernels split their work over their own {@link Threads} and keep OpenBLAS at one
 * thread: OpenBLAS's idle threads spin for a while after each call, and with two cores they
 * steal the core a worker needs for its im2col. Setting the thread count costs about a
 * millisecond, so it is only changed when someone else changed it.
 */
public final class Blas {
    private static final org.nd4j.linalg.api.blas.Blas OPENBLAS = Nd4j.factory().blas();

    private Blas() {
    }

    /** Puts OpenBLAS back to one thread if it was changed (ND4J's default is one per core). */
    static void useOneThread() {
        if (OPENBLAS.getMaxThreads() != 1) {
            OPENBLAS.setMaxThreads(1);
        }
    }

    /**
     * y += a·x in place for contiguous arrays of one length and float type (an optimizer's
     * update), on OpenBLAS at one thread like minidl's other BLAS calls: with more, its threads
     * spin after the call and take the cores from oneDNN's next primitive.
     */
    public static void axpy(double a, INDArray x, INDArray y) {
        useOneThread();
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }

    /** A pointer at a raw address, the only way JavaCPP offers to address inside a buffer. */
    private static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }

    /**
     * C[m×n] (ldc) = op(A)[m×k] (lda) · op(B)[k×n] (ldb) + beta·C. All three arrays must be
     * c-contiguous and of the same floating-point type; offsets count elements from each array's
     * first element.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     INDArray a, long aOff, int lda, INDArray b, long bOff, int ldb,
                     double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.DOUBLE) {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, new DoublePointer(at(a, aOff)), lda,
                    new DoublePointer(at(b, bOff)), ldb, beta, new DoublePointer(at(c, cOff)), ldc);
        } else {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, new FloatPointer(at(a, aOff)), lda,
                    new FloatPointer(at(b, bOff)), ldb, (float) beta, new FloatPointer(at(c, cOff)), ldc);
        }
        // The pointers are bare addresses: keep the arrays (and their memory) alive until BLAS returns.
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
    }

    private static Pointer at(INDArray a, long offset) {
        return new At(a.data().address() + (a.offset() + offset) * a.dataType().width());
    }
}
