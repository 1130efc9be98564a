package io.github.minidl.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reductions: sum and mean over all or some axes (optionally keeping them), max along an axis. */
final class Reductions {
    private Reductions() {
    }

    /** Sorted, normalised axes; an empty list means all axes. */
    static int[] axes(int[] dims, int rank) {
        if (dims.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] a = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            a[i] = Shapes.axis(dims[i], rank);
        }
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw new IllegalArgumentException("dims=" + Arrays.toString(dims) + " repeats dimension " + a[i]);
            }
        }
        return a;
    }

    /** Shape of x with the reduced axes set to 1. */
    static long[] keptShape(long[] shape, int[] axes) {
        long[] k = shape.clone();
        for (int a : axes) {
            k[a] = 1;
        }
        return k;
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        Nd.sameFloatType("sum", x);
        long[] xs = x.shape();
        if (xs.length == 0) {
            return x;
        }
        int[] axes = axes(dims, xs.length);
        long[] kept = keptShape(xs, axes);
        INDArray y = x.data().sum(true, axes);
        if (!keepDim) {
            y = y.reshape('c', dropped(xs, axes));
        }
        return Node.record("sum", y, (gy, out, needs) -> new Tensor[] {Shapes.expand(gy.reshape(kept), xs)}, x);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        long[] xs = x.shape();
        long n = 1;
        for (int a : axes(dims, xs.length)) {
            n *= xs[a];
        }
        return sum(x, dims, keepDim).mul(1.0 / n);
    }

    /**
     * Maximum along {@code dim}. Where several elements tie, the gradient is shared equally
     * among them (PyTorch's amax rule).
     */
    static Tensor max(Tensor x, int dim, boolean keepDim) {
        Nd.sameFloatType("max", x);
        long[] xs = x.shape();
        int[] axes = {Shapes.axis(dim, xs.length)};
        long[] kept = keptShape(xs, axes);
        INDArray values = x.data().max(true, axes);
        INDArray mask = x.data().eq(Nd.broadcastTo(values, xs)).castTo(x.dataType());
        mask.divi(mask.sum(true, axes));
        Tensor weights = Tensor.of(mask);
        INDArray y = keepDim ? values : values.reshape('c', dropped(xs, axes));
        return Node.record("max", y,
                (gy, out, needs) -> new Tensor[] {Shapes.expand(gy.reshape(kept), xs).mul(weights)}, x);
    }

    static long[] dropped(long[] shape, int[] axes) {
        long[] out = new long[shape.length - axes.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (Arrays.binarySearch(axes, i) < 0) {
                out[k++] = shape[i];
            }
        }
        return out;
    }
}
