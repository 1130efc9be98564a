package io.github.minidl.autograd;

import static io.github.minidl.core.kernels.MatMulKernels.contiguous;

import io.github.minidl.core.kernels.MatMulKernels;
import io.github.minidl.core.kernels.NativeMemory;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix products: matmul with broadcast batch dimensions, and linear (x·wᵀ + b). */
final class MatMul {
    private MatMul() {
    }

    /**
     * a·b over the last two axes, PyTorch's rules: a 1-D operand is a row (left) or column
     * (right) vector that is removed again; leading batch axes broadcast.
     */
    static Tensor matmul(Tensor a, Tensor b) {
        Nd.sameFloatType("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs tensors of rank at least 1; got "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        if (a.rank() == 1) {
            Tensor r = matmul(a.reshape(1, a.size(0)), b);
            return Shapes.reshape(r, Reductions.dropped(r.shape(), new int[] {r.rank() - 2}));
        }
        if (b.rank() == 1) {
            Tensor r = matmul(a, b.reshape(b.size(0), 1));
            return Shapes.reshape(r, Arrays.copyOf(r.shape(), r.rank() - 1));
        }
        long k = a.size(-1);
        if (b.size(-2) != k) {
            throw new IllegalArgumentException(String.format(
                    "matmul: inner dimensions differ: %s x %s (a's last axis %d, b's second-to-last axis %d)",
                    Arrays.toString(a.shape()), Arrays.toString(b.shape()), k, b.size(-2)));
        }
        if (a.rank() > 2 && b.rank() == 2) {
            long[] as = a.shape();
            Tensor flat = matrixProduct(a.reshape(-1, k), b);
            long[] out = as.clone();
            out[out.length - 1] = b.size(1);
            return flat.reshape(out);
        }
        if (a.rank() == 2 && b.rank() == 2) {
            return matrixProduct(a, b);
        }
        long[] batchA = Arrays.copyOf(a.shape(), a.rank() - 2);
        long[] batchB = Arrays.copyOf(b.shape(), b.rank() - 2);
        long[] batch = Nd.broadcastShape("matmul", batchA, batchB);
        Tensor ea = Shapes.expand(a, concat(batch, a.size(-2), k));
        Tensor eb = Shapes.expand(b, concat(batch, k, b.size(-1)));
        return matrixProduct(ea, eb);
    }

    private static long[] concat(long[] batch, long r, long c) {
        long[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    /** Equal batch shapes (or plain matrices); gradients gy·bᵀ and aᵀ·gy. */
    private static Tensor matrixProduct(Tensor a, Tensor b) {
        INDArray y = a.rank() == 2 ? a.data().mmul(b.data()) : Nd4j.matmul(a.data(), b.data());
        return Node.record("matmul", y, (gy, out, needs) -> new Tensor[] {
            needs[0] ? gy.matmul(b.transpose(-1, -2)) : null,
            needs[1] ? a.transpose(-1, -2).matmul(gy) : null}, a, b);
    }

    /** y = x·wᵀ + b with x [..., in], w [out, in], b [out] or null. */
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Nd.sameFloatType("linear", x, w, b);
        if (w.rank() != 2) {
            throw new IllegalArgumentException("linear: weight must be 2-D [outFeatures, inFeatures]; got "
                    + Arrays.toString(w.shape()));
        }
        if (x.rank() < 1 || x.size(-1) != w.size(1)) {
            throw new IllegalArgumentException(String.format(
                    "linear: input %s has %s features on its last axis; weight %s expects %d",
                    Arrays.toString(x.shape()), x.rank() < 1 ? "no" : String.valueOf(x.size(-1)),
                    Arrays.toString(w.shape()), w.size(1)));
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(0))) {
            throw new IllegalArgumentException("linear: bias must have shape [" + w.size(0) + "]; got "
                    + Arrays.toString(b.shape()));
        }
        if (x.rank() == 2) {
            return linear2d(x, w, b);
        }
        Tensor y = matmul(x, w.transpose(0, 1));
        return b == null ? y : y.add(b);
    }

    /**
     * y = x·Wᵀ + b for a 2-D batch as one GEMM with the transpose folded into it. Its first-order
     * backward is two GEMMs and a column sum (gx = gy·W, gW = gyᵀ·x, gb = Σ gy) on the arrays
     * directly; when a graph of the backward is being built (second order) it is made of
     * differentiable ops instead.
     */
    private static Tensor linear2d(Tensor x, Tensor w, Tensor b) {
        INDArray y = linearForward(x.data(), w.data(), b == null ? null : b.data());
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Node.record("linear", y, (gy, out, needs) -> {
            Tensor[] grads = new Tensor[inputs.length];
            if (GradMode.isEnabled()) {
                grads[0] = needs[0] ? gy.matmul(w) : null;
                grads[1] = needs[1] ? gy.transpose(0, 1).matmul(x) : null;
                if (b != null && needs[2]) {
                    grads[2] = gy.sum(0);
                }
                return grads;
            }
            INDArray g = contiguous(gy.data());
            if (needs[0]) {
                INDArray gx = NativeMemory.uninitialized(g.dataType(), x.size(0), x.size(1));
                MatMulKernels.gemm(g, false, contiguous(w.data()), false, gx, 0.0);
                grads[0] = Tensor.of(gx);
            }
            if (needs[1]) {
                INDArray gw = NativeMemory.uninitialized(g.dataType(), w.size(0), w.size(1));
                MatMulKernels.gemm(g, true, contiguous(x.data()), false, gw, 0.0);
                grads[1] = Tensor.of(gw);
            }
            if (b != null && needs[2]) {
                grads[2] = Tensor.of(g.sum(0));
            }
            return grads;
        }, inputs);
    }

    private static INDArray linearForward(INDArray x, INDArray w, INDArray b) {
        return MatMulKernels.linear(contiguous(x), contiguous(w), b == null ? null : contiguous(b));
    }
}
