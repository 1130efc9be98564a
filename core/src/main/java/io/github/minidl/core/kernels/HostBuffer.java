package io.github.minidl.core.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A heap array of one dtype plus the bulk moves and inner loops the kernels need. Its two
 * subclasses are the only place where float32 and float64 code differ, so every kernel is written
 * once; each loop there runs over raw Java arrays, never through per-element INDArray calls.
 * {@link FloatHostBuffer} is written by hand and {@code DoubleHostBuffer} is generated from it at
 * build time, so the loops themselves are written once too. Internal to core: public only for the
 * array I/O of the pooling kernels.
 */
public abstract class HostBuffer {
    final int length;

    HostBuffer(int length) {
        this.length = length;
    }

    static HostBuffer allocate(DataType type, int length) {
        return type == DataType.DOUBLE ? new DoubleHostBuffer(length) : new FloatHostBuffer(length);
    }

    /** FLOAT or DOUBLE: the dtype of the arrays this buffer moves to and from. */
    abstract DataType dataType();

    /** Copies {@code length} elements of c-contiguous array {@code a}, starting at element {@code from}. */
    void load(INDArray a, long from) {
        load(a, from, length);
    }

    /** Writes {@code length} elements into c-contiguous array {@code a}, starting at element {@code to}. */
    void store(INDArray a, long to) {
        store(a, to, length);
    }

    /** Copies {@code count} elements of c-contiguous array {@code a}, from element {@code from}, to the start of this buffer. */
    public abstract void load(INDArray a, long from, int count);

    /** Writes the first {@code count} elements into c-contiguous array {@code a}, from element {@code to}. */
    public abstract void store(INDArray a, long to, int count);

    /** Depthwise forward of one plane: {@code this[yOff + p] += Σ_t w[t] · x[xOff + index[t, p]]}. */
    abstract void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff);

    /** Its adjoint in x: {@code this[xOff + index[t, p]] += w[t] · gy[gyOff + p]}. */
    abstract void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff);

    /** Its adjoint in w: {@code gw[t] += Σ_p gy[gyOff + p] · this[xOff + index[t, p]]}. */
    abstract void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw);

    /** {@code this[at + i] += w · x[from + i]} for i in [0, len): one long loop the JIT vectorises. */
    abstract void axpy(double w, HostBuffer x, int from, int at, int len);

    /** {@code this[i] += a[i] · b[from + i]} for i in [0, len). */
    abstract void accumulateProduct(HostBuffer a, HostBuffer b, int from, int len);

    /** The sum of all elements, in float64. */
    abstract double sum();

    /**
     * im2col of one sample, run by run: {@code this[(c, kh, kw), (oh, ow)] = x[c, ih, iw]}, 0 in
     * the padding. Each (row, output row) is a zero run, a strided copy and a zero run, so the
     * common stride-1 case is a plain array copy. Row r of the sample's matrix is written from
     * {@code offset + r·rowStride}, so several samples can sit side by side in one chunk matrix.
     */
    abstract void im2col(HostBuffer image, int channels, PatchIndex index, int rowStride, int offset);

    /**
     * col2im of one sample, the adjoint of {@link #im2col}: {@code this[c, ih, iw] += cols[(c, kh, kw), (oh, ow)]}.
     * Row r of the sample's matrix starts at {@code offset + r·rowStride} of {@code cols}, so several
     * samples can sit side by side in one chunk matrix.
     */
    abstract void col2im(HostBuffer cols, int channels, PatchIndex index, int rowStride, int offset);

    /** Copies {@code rows} rows of {@code len} elements from src (row stride srcStride) to this (row stride dstStride). */
    abstract void copyRows(HostBuffer src, int srcOffset, int srcStride, int dstOffset, int dstStride, int rows, int len);

    /** Element i as a double. */
    abstract double get(int i);

    /** Sets the first {@code values.length} elements, rounding to this dtype. */
    void setAll(double[] values) {
        setAll(values, values.length);
    }

    /** Sets the first {@code count} elements to {@code values[0, count)}, rounding to this dtype. */
    abstract void setAll(double[] values, int count);

    /** Copies the first {@code count} elements into {@code dst} as doubles (exact for both dtypes). */
    abstract void getAll(double[] dst, int count);

    /** Sets every element to zero. */
    abstract void clear();

    /** Fills plane c (elements [c·planeSize, (c+1)·planeSize)) with bias[c], for every c of bias. */
    void fillPlanes(double[] bias, int planeSize) {
        for (int c = 0; c < bias.length; c++) {
            fill(c * planeSize, (c + 1) * planeSize, bias[c]);
        }
    }

    /** A 1-D array's values as doubles, or null for null: read once, not element by element in a loop. */
    static double[] values(INDArray vector) {
        return vector == null ? null : vector.castTo(DataType.DOUBLE).dup('c').toDoubleVector();
    }

    /** Sets elements [from, to) to value, rounded to this dtype. */
    abstract void fill(int from, int to, double value);

    /**
     * The array itself when it is c-ordered with the default strides of its shape, else a
     * c-ordered copy: the layout {@link #load} and {@link #store} address by element offset.
     */
    public static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /** Loads {@code count} elements of c-contiguous array {@code a} from element {@code from} and returns them as doubles. */
    public double[] loadDoubles(INDArray a, long from, int count) {
        load(a, from, count);
        double[] out = new double[count];
        getAll(out, count);
        return out;
    }

    /** Writes {@code values}, rounded to this dtype, into c-contiguous array {@code a} from element {@code to}. */
    public void storeDoubles(double[] values, INDArray a, long to) {
        setAll(values, values.length);
        store(a, to, values.length);
    }

    /**
     * All elements of a float32 or float64 array in c order, as doubles. Kernels that loop in
     * float64 whatever the input dtype (pooling, resampling) read through this: the widening is
     * exact, and one bulk move replaces per-element DataBuffer access.
     */
    public static double[] doubles(INDArray a) {
        INDArray c = contiguous(a);
        HostBuffer b = allocate(c.dataType(), Math.toIntExact(c.length()));
        b.load(c, 0);
        NativeMemory.freeUnlessShared(c, a);
        double[] out = new double[b.length];
        b.getAll(out, b.length);
        return out;
    }

    /** A new array of {@code shape} and {@code type} holding {@code values} (rounded to type), in c order. */
    public static INDArray array(double[] values, long[] shape, DataType type) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        HostBuffer b = allocate(type, values.length);
        b.setAll(values);
        b.store(a, 0);
        return a;
    }

    /** Copies {@code count} LONG elements of c-contiguous array {@code a}, from element {@code from}, into {@code dst}. */
    public static void loadIndices(INDArray a, long from, long[] dst, int count) {
        a.data().asNioLong().get(Math.toIntExact(a.offset() + from), dst, 0, count);
    }

    /** Writes {@code src[0, count)} into c-contiguous LONG array {@code a}, from element {@code to}. */
    public static void storeIndices(INDArray a, long to, long[] src, int count) {
        a.data().asNioLong().put(Math.toIntExact(a.offset() + to), src, 0, count);
    }
}
