package io.github.minidl.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shape ops: reshape, permute, flatten, broadcast (expand) and its adjoint sumTo, concat, slice. */
final class Shapes {
    private Shapes() {
    }

    /** A dimension index normalised to [0, rank); negative values count from the end. */
    static int axis(int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= Math.max(rank, 1)) {
            throw new IllegalArgumentException("dim=" + dim + " is out of range for a tensor of rank " + rank
                    + " (valid: " + (-rank) + " to " + (rank - 1) + ")");
        }
        return d;
    }

    static Tensor reshape(Tensor x, long... shape) {
        long[] target = resolve(x.shape(), shape);
        long[] original = x.shape();
        if (Arrays.equals(target, original)) {
            return x;
        }
        return LinearOps.apply("reshape", x, a -> a.reshape('c', target), "reshape", g -> g.reshape('c', original));
    }

    private static long[] resolve(long[] from, long[] shape) {
        long n = Nd.numel(from);
        long known = 1;
        int infer = -1;
        long[] out = shape.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && infer < 0) {
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: shape=" + Arrays.toString(shape)
                        + " may contain one -1 and otherwise non-negative sizes");
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(shape)
                        + " for " + n + " elements");
            }
            out[infer] = n / known;
            known = n;
        }
        if (known != n) {
            throw new IllegalArgumentException("reshape: shape=" + Arrays.toString(shape) + " has " + known
                    + " elements but the tensor " + Arrays.toString(from) + " has " + n);
        }
        return out;
    }

    static Tensor permute(Tensor x, int... dims) {
        int rank = x.rank();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: dims=" + Arrays.toString(dims) + " must list all "
                    + rank + " dimensions of " + Arrays.toString(x.shape()));
        }
        int[] p = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = axis(dims[i], rank);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: dims=" + Arrays.toString(dims) + " repeats dimension " + p[i]);
            }
            seen[p[i]] = true;
            inverse[p[i]] = i;
        }
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= p[i] == i;
        }
        if (identity) {
            return x;
        }
        return LinearOps.apply("permute", x, a -> a.permute(p), "permute", g -> g.permute(inverse));
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int rank = x.rank();
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = i;
        }
        int a = axis(d0, rank);
        int b = axis(d1, rank);
        p[a] = b;
        p[b] = a;
        return permute(x, p);
    }

    /** Dimensions start..end (inclusive) merged into one. */
    static Tensor flatten(Tensor x, int startDim, int endDim) {
        long[] s = x.shape();
        if (s.length == 0) {
            return reshape(x, 1);
        }
        int a = axis(startDim, s.length);
        int b = axis(endDim, s.length);
        if (a > b) {
            throw new IllegalArgumentException("flatten: startDim=" + startDim + " must not come after endDim=" + endDim);
        }
        long[] out = new long[s.length - (b - a)];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            if (i <= a || i > b) {
                out[k++] = s[i];
            } else {
                out[a] *= s[i];
            }
        }
        return reshape(x, out);
    }

    /** x broadcast to {@code shape} (NumPy rules); the gradient sums back. */
    static Tensor expand(Tensor x, long... shape) {
        long[] from = x.shape();
        long[] target = shape.clone();
        if (!Arrays.equals(Nd.broadcastShape("expand", from, target), target)) {
            throw new IllegalArgumentException("expand: " + Arrays.toString(from) + " cannot be expanded to "
                    + Arrays.toString(target));
        }
        if (Arrays.equals(from, target)) {
            return x;
        }
        return LinearOps.apply("expand", x, a -> Nd.broadcastTo(a, target), "sumTo", g -> Nd.sumTo(g, from));
    }

    /** x summed down to {@code shape}, the adjoint of {@link #expand}. */
    static Tensor sumTo(Tensor x, long... shape) {
        long[] from = x.shape();
        long[] target = shape.clone();
        if (Arrays.equals(from, target)) {
            return x;
        }
        return LinearOps.apply("sumTo", x, a -> Nd.sumTo(a, target), "expand", g -> Nd.broadcastTo(g, from));
    }

    /** The tensors joined along {@code dim}; all other dimensions must agree. */
    static Tensor concat(int dim, Tensor... ts) {
        if (ts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Nd.sameFloatType("concat", ts);
        int rank = ts[0].rank();
        int d = axis(dim, rank);
        INDArray[] arrays = new INDArray[ts.length];
        long[] offsets = new long[ts.length + 1];
        for (int i = 0; i < ts.length; i++) {
            long[] s = ts[i].shape();
            long[] s0 = ts[0].shape();
            boolean ok = s.length == rank;
            for (int k = 0; ok && k < rank; k++) {
                ok = k == d || s[k] == s0[k];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat along dim " + dim + ": tensor " + i + " has shape "
                        + Arrays.toString(s) + ", incompatible with " + Arrays.toString(s0));
            }
            arrays[i] = ts[i].data();
            offsets[i + 1] = offsets[i] + s[d];
        }
        if (ts.length == 1) {
            return ts[0];
        }
        INDArray y = Nd4j.concat(d, arrays);
        return Node.record("concat", y, (gy, out, needs) -> {
            Tensor[] g = new Tensor[ts.length];
            for (int i = 0; i < ts.length; i++) {
                if (needs[i]) {
                    g[i] = slice(gy, d, offsets[i], offsets[i + 1]);
                }
            }
            return g;
        }, ts);
    }

    /** Elements start..end-1 along {@code dim}; the gradient is zero elsewhere. */
    static Tensor slice(Tensor x, int dim, long start, long end) {
        long[] s = x.shape();
        int d = axis(dim, s.length);
        long from = start < 0 ? start + s[d] : start;
        long to = end < 0 ? end + s[d] : Math.min(end, s[d]);
        if (from < 0 || from >= to) {
            throw new IllegalArgumentException(String.format("slice: [%d, %d) along dim %d is empty or out of range"
                    + " for size %d", start, end, dim, s[d]));
        }
        if (from == 0 && to == s[d]) {
            return x;
        }
        INDArrayIndex[] idx = new INDArrayIndex[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = i == d ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return LinearOps.apply("slice", x, a -> a.get(idx).dup('c'), "sliceBackward", g -> {
            INDArray z = Nd4j.zeros(g.dataType(), s);
            z.get(idx).assign(g);
            return z;
        });
    }
}
