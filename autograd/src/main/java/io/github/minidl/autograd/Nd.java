package io.github.minidl.autograd;

import io.github.minidl.core.kernels.NativeMemory;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Array-level helpers shared by the ops: dtype checks, broadcasting, contiguity. */
final class Nd {
    private Nd() {
    }

    /** The common floating dtype of the given tensors (nulls skipped); mixing is an error. */
    static DataType sameFloatType(String op, Tensor... ts) {
        DataType t = null;
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == null) {
                continue;
            }
            DataType d = ts[i].dataType();
            if (!d.isFPType()) {
                throw new IllegalArgumentException(op + ": argument " + i + " has dtype " + d
                        + "; only floating-point tensors are supported");
            }
            if (t == null) {
                t = d;
            } else if (d != t) {
                throw new IllegalArgumentException(op + ": arguments have dtypes " + t + " and " + d
                        + "; convert one of them, dtypes are never mixed silently");
            }
        }
        return t;
    }

    /** NumPy/PyTorch broadcast shape of a and b: trailing axes must agree or be 1. */
    static long[] broadcastShape(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(String.format(
                        "%s: shapes %s and %s cannot be broadcast: axis %d has sizes %d and %d (each must match or be 1)",
                        op, Arrays.toString(a), Arrays.toString(b), i - rank, da, db));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code a} materialised in shape {@code shape} (broadcasting leading and size-1 axes). */
    static INDArray broadcastTo(INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        // ND4J's broadcasting add is several times faster than INDArray.broadcast (a tile).
        return Nd4j.zeros(a.dataType(), shape).addi(a);
    }

    /** {@code g} summed over the axes along which {@code shape} was broadcast to g's shape. */
    static INDArray sumTo(INDArray g, long[] shape) {
        long[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        int[] dims = new int[gs.length];
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                dims[n++] = i;
            }
        }
        INDArray s = n == 0 ? g : g.sum(true, Arrays.copyOf(dims, n));
        return s.reshape('c', shape);
    }

    /** The elements of {@code a} in c order as float64, copied (a view reads only its own elements). */
    static double[] doubles(INDArray a) {
        INDArray cast = a.castTo(DataType.DOUBLE);
        INDArray copy = cast.dup('c');
        double[] values = copy.data().asDouble();
        NativeMemory.free(copy);
        NativeMemory.freeUnlessShared(cast, a);
        return values;
    }

    /**
     * A c-ordered array of {@code type} and {@code shape} holding {@code values}, rounded from
     * float64 as {@code castTo} rounds; the float64 staging array is freed.
     */
    static INDArray array(double[] values, DataType type, long... shape) {
        INDArray staged = Nd4j.create(values, shape, 'c');
        INDArray a = staged.castTo(type);
        NativeMemory.freeUnlessShared(staged, a);
        return a;
    }

    /** Number of elements of a shape. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
