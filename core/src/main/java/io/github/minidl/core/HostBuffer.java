package io.github.minidl.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A heap array of one dtype plus the bulk moves and inner loops the kernels need. The two
 * subclasses are the only place where float32 and float64 code differ, so every kernel is written
 * once; each loop here runs over raw Java arrays, never through per-element INDArray calls.
 */
abstract class HostBuffer {
    final int length;

    HostBuffer(int length) {
        this.length = length;
    }

    static HostBuffer allocate(DataType type, int length) {
        return type == DataType.DOUBLE ? new Doubles(length) : new Floats(length);
    }

    /** Copies {@code length} elements of c-contiguous array {@code a}, starting at element {@code from}. */
    void load(INDArray a, long from) {
        load(a, from, length);
    }

    /** Writes {@code length} elements into c-contiguous array {@code a}, starting at element {@code to}. */
    void store(INDArray a, long to) {
        store(a, to, length);
    }

    /** Copies {@code count} elements of c-contiguous array {@code a}, from element {@code from}, to the start of this buffer. */
    abstract void load(INDArray a, long from, int count);

    /** Writes the first {@code count} elements into c-contiguous array {@code a}, from element {@code to}. */
    abstract void store(INDArray a, long to, int count);

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
    abstract void setAll(double[] values);

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

    /** float32 storage. */
    static final class Floats extends HostBuffer {
        final float[] data;
        /** Scratch row for {@link #axpy} and {@link #accumulateProduct}; a buffer belongs to one thread. */
        private float[] row;

        Floats(int length) {
            super(length);
            data = new float[length];
        }

        @Override
        void load(INDArray a, long from, int count) {
            a.data().asNioFloat().get(Math.toIntExact(a.offset() + from), data, 0, count);
        }

        @Override
        void store(INDArray a, long to, int count) {
            a.data().asNioFloat().put(Math.toIntExact(a.offset() + to), data, 0, count);
        }

        @Override
        void axpy(double w, HostBuffer x, int from, int at, int len) {
            float[] src = ((Floats) x).data;
            float wt = (float) w;
            // C2 (JDK 17) vectorises a loop only when both arrays are read at the same index, so
            // the shifted operand is first copied to a scratch row (a memcpy).
            float[] row = row(len);
            if (at == 0) {
                System.arraycopy(src, from, row, 0, len);
                for (int i = 0; i < len; i++) {
                    data[i] += wt * row[i];
                }
            } else if (from == 0) {
                System.arraycopy(data, at, row, 0, len);
                for (int i = 0; i < len; i++) {
                    row[i] += wt * src[i];
                }
                System.arraycopy(row, 0, data, at, len);
            } else {
                for (int i = 0; i < len; i++) {
                    data[at + i] += wt * src[from + i];
                }
            }
        }

        @Override
        void accumulateProduct(HostBuffer a, HostBuffer b, int from, int len) {
            float[] left = ((Floats) a).data;
            float[] row = row(len);
            System.arraycopy(((Floats) b).data, from, row, 0, len);
            for (int i = 0; i < len; i++) {
                data[i] += left[i] * row[i];
            }
        }

        @Override
        double sum() {
            double s = 0;
            for (float v : data) {
                s += v;
            }
            return s;
        }

        private float[] row(int len) {
            if (row == null || row.length < len) {
                row = new float[len];
            }
            return row;
        }

        @Override
        void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff) {
            float[] src = ((Floats) x).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    float wt = (float) w[t];
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int dst = yOff + oh * outW;
                        if (step == 1) {
                            for (int ow = from; ow < to; ow++) {
                                data[dst + ow] += wt * src[at + ow];
                            }
                        } else {
                            for (int ow = from; ow < to; ow++) {
                                data[dst + ow] += wt * src[at + ow * step];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff) {
            float[] src = ((Floats) gy).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    float wt = (float) w[t];
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int g = gyOff + oh * outW;
                        if (step == 1) {
                            for (int ow = from; ow < to; ow++) {
                                data[at + ow] += wt * src[g + ow];
                            }
                        } else {
                            for (int ow = from; ow < to; ow++) {
                                data[at + ow * step] += wt * src[g + ow];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw) {
            float[] g = ((Floats) gy).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    float acc = 0;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int row = gyOff + oh * outW;
                        for (int ow = from; ow < to; ow++) {
                            acc += g[row + ow] * data[at + ow * step];
                        }
                    }
                    gw[t] += acc;
                }
            }
        }


        @Override
        void im2col(HostBuffer image, int channels, PatchIndex index, int rowStride, int offset) {
            float[] src = ((Floats) image).data;
            int outH = index.outH;
            int outW = index.outW;
            int inW = index.inW;
            int step = index.strideW;
            int row = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * index.planeSize();
                for (int kh = 0; kh < index.kernelH; kh++) {
                    for (int kw = 0; kw < index.kernelW; kw++, row++) {
                        int from = index.colFrom[kw];
                        int to = index.colTo[kw];
                        int dst = offset + row * rowStride;
                        for (int oh = 0; oh < outH; oh++, dst += outW) {
                            int ih = index.inputRow[kh * outH + oh];
                            if (ih < 0 || from >= to) {
                                Arrays.fill(data, dst, dst + outW, 0);
                                continue;
                            }
                            // The edge zero runs are a cell or two: plain loops beat Arrays.fill's checks.
                            for (int k = dst; k < dst + from; k++) {
                                data[k] = 0;
                            }
                            int at = base + ih * inW + index.colStart[kw];
                            if (step == 1) {
                                System.arraycopy(src, at, data, dst + from, to - from);
                            } else {
                                for (int ow = from; ow < to; ow++, at += step) {
                                    data[dst + ow] = src[at];
                                }
                            }
                            for (int k = dst + to; k < dst + outW; k++) {
                                data[k] = 0;
                            }
                        }
                    }
                }
            }
        }

        @Override
        void col2im(HostBuffer cols, int channels, PatchIndex index, int rowStride, int offset) {
            float[] src = ((Floats) cols).data;
            int outH = index.outH;
            int outW = index.outW;
            int inW = index.inW;
            int step = index.strideW;
            int row = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * index.planeSize();
                for (int kh = 0; kh < index.kernelH; kh++) {
                    for (int kw = 0; kw < index.kernelW; kw++, row++) {
                        int from = index.colFrom[kw];
                        int to = index.colTo[kw];
                        int at = offset + row * rowStride;
                        for (int oh = 0; oh < outH; oh++, at += outW) {
                            int ih = index.inputRow[kh * outH + oh];
                            if (ih < 0) {
                                continue;
                            }
                            int dst = base + ih * inW + index.colStart[kw];
                            if (step == 1) {
                                // A separate unit-stride loop: the JIT vectorises it.
                                int shift = at - dst;
                                for (int d = dst, end = dst + to - from; d < end; d++) {
                                    data[d] += src[d + shift + from];
                                }
                            } else {
                                for (int ow = from; ow < to; ow++, dst += step) {
                                    data[dst] += src[at + ow];
                                }
                            }
                        }
                    }
                }
            }
        }

        @Override
        void copyRows(HostBuffer src, int srcOffset, int srcStride, int dstOffset, int dstStride, int rows, int len) {
            float[] s = ((Floats) src).data;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(s, srcOffset + r * srcStride, data, dstOffset + r * dstStride, len);
            }
        }

        @Override
        double get(int i) {
            return data[i];
        }

        @Override
        void setAll(double[] values) {
            for (int i = 0; i < values.length; i++) {
                data[i] = (float) values[i];
            }
        }

        @Override
        void clear() {
            Arrays.fill(data, 0);
        }

        @Override
        void fill(int from, int to, double value) {
            Arrays.fill(data, from, to, (float) value);
        }
    }

    /** float64 storage. */
    static final class Doubles extends HostBuffer {
        final double[] data;
        /** Scratch row for {@link #axpy} and {@link #accumulateProduct}; a buffer belongs to one thread. */
        private double[] row;

        Doubles(int length) {
            super(length);
            data = new double[length];
        }

        @Override
        void load(INDArray a, long from, int count) {
            a.data().asNioDouble().get(Math.toIntExact(a.offset() + from), data, 0, count);
        }

        @Override
        void store(INDArray a, long to, int count) {
            a.data().asNioDouble().put(Math.toIntExact(a.offset() + to), data, 0, count);
        }

        @Override
        void axpy(double w, HostBuffer x, int from, int at, int len) {
            double[] src = ((Doubles) x).data;
            double wt = w;
            // C2 (JDK 17) vectorises a loop only when both arrays are read at the same index, so
            // the shifted operand is first copied to a scratch row (a memcpy).
            double[] row = row(len);
            if (at == 0) {
                System.arraycopy(src, from, row, 0, len);
                for (int i = 0; i < len; i++) {
                    data[i] += wt * row[i];
                }
            } else if (from == 0) {
                System.arraycopy(data, at, row, 0, len);
                for (int i = 0; i < len; i++) {
                    row[i] += wt * src[i];
                }
                System.arraycopy(row, 0, data, at, len);
            } else {
                for (int i = 0; i < len; i++) {
                    data[at + i] += wt * src[from + i];
                }
            }
        }

        @Override
        void accumulateProduct(HostBuffer a, HostBuffer b, int from, int len) {
            double[] left = ((Doubles) a).data;
            double[] row = row(len);
            System.arraycopy(((Doubles) b).data, from, row, 0, len);
            for (int i = 0; i < len; i++) {
                data[i] += left[i] * row[i];
            }
        }

        @Override
        double sum() {
            double s = 0;
            for (double v : data) {
                s += v;
            }
            return s;
        }

        private double[] row(int len) {
            if (row == null || row.length < len) {
                row = new double[len];
            }
            return row;
        }

        @Override
        void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff) {
            double[] src = ((Doubles) x).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    double wt = w[t];
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int dst = yOff + oh * outW;
                        if (step == 1) {
                            for (int ow = from; ow < to; ow++) {
                                data[dst + ow] += wt * src[at + ow];
                            }
                        } else {
                            for (int ow = from; ow < to; ow++) {
                                data[dst + ow] += wt * src[at + ow * step];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff) {
            double[] src = ((Doubles) gy).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    double wt = w[t];
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int g = gyOff + oh * outW;
                        if (step == 1) {
                            for (int ow = from; ow < to; ow++) {
                                data[at + ow] += wt * src[g + ow];
                            }
                        } else {
                            for (int ow = from; ow < to; ow++) {
                                data[at + ow * step] += wt * src[g + ow];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw) {
            double[] g = ((Doubles) gy).data;
            int outH = index.outH;
            int outW = index.outW;
            int step = index.strideW;
            for (int kh = 0, t = 0; kh < index.kernelH; kh++) {
                for (int kw = 0; kw < index.kernelW; kw++, t++) {
                    int from = index.colFrom[kw];
                    int to = index.colTo[kw];
                    double acc = 0;
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = index.inputRow[kh * outH + oh];
                        if (ih < 0) {
                            continue;
                        }
                        int at = xOff + ih * index.inW + index.colStart[kw] - from * step;
                        int row = gyOff + oh * outW;
                        for (int ow = from; ow < to; ow++) {
                            acc += g[row + ow] * data[at + ow * step];
                        }
                    }
                    gw[t] += acc;
                }
            }
        }


        @Override
        void im2col(HostBuffer image, int channels, PatchIndex index, int rowStride, int offset) {
            double[] src = ((Doubles) image).data;
            int outH = index.outH;
            int outW = index.outW;
            int inW = index.inW;
            int step = index.strideW;
            int row = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * index.planeSize();
                for (int kh = 0; kh < index.kernelH; kh++) {
                    for (int kw = 0; kw < index.kernelW; kw++, row++) {
                        int from = index.colFrom[kw];
                        int to = index.colTo[kw];
                        int dst = offset + row * rowStride;
                        for (int oh = 0; oh < outH; oh++, dst += outW) {
                            int ih = index.inputRow[kh * outH + oh];
                            if (ih < 0 || from >= to) {
                                Arrays.fill(data, dst, dst + outW, 0);
                                continue;
                            }
                            // The edge zero runs are a cell or two: plain loops beat Arrays.fill's checks.
                            for (int k = dst; k < dst + from; k++) {
                                data[k] = 0;
                            }
                            int at = base + ih * inW + index.colStart[kw];
                            if (step == 1) {
                                System.arraycopy(src, at, data, dst + from, to - from);
                            } else {
                                for (int ow = from; ow < to; ow++, at += step) {
                                    data[dst + ow] = src[at];
                                }
                            }
                            for (int k = dst + to; k < dst + outW; k++) {
                                data[k] = 0;
                            }
                        }
                    }
                }
            }
        }

        @Override
        void col2im(HostBuffer cols, int channels, PatchIndex index, int rowStride, int offset) {
            double[] src = ((Doubles) cols).data;
            int outH = index.outH;
            int outW = index.outW;
            int inW = index.inW;
            int step = index.strideW;
            int row = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * index.planeSize();
                for (int kh = 0; kh < index.kernelH; kh++) {
                    for (int kw = 0; kw < index.kernelW; kw++, row++) {
                        int from = index.colFrom[kw];
                        int to = index.colTo[kw];
                        int at = offset + row * rowStride;
                        for (int oh = 0; oh < outH; oh++, at += outW) {
                            int ih = index.inputRow[kh * outH + oh];
                            if (ih < 0) {
                                continue;
                            }
                            int dst = base + ih * inW + index.colStart[kw];
                            if (step == 1) {
                                // A separate unit-stride loop: the JIT vectorises it.
                                int shift = at - dst;
                                for (int d = dst, end = dst + to - from; d < end; d++) {
                                    data[d] += src[d + shift + from];
                                }
                            } else {
                                for (int ow = from; ow < to; ow++, dst += step) {
                                    data[dst] += src[at + ow];
                                }
                            }
                        }
                    }
                }
            }
        }

        @Override
        void copyRows(HostBuffer src, int srcOffset, int srcStride, int dstOffset, int dstStride, int rows, int len) {
            double[] s = ((Doubles) src).data;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(s, srcOffset + r * srcStride, data, dstOffset + r * dstStride, len);
            }
        }

        @Override
        double get(int i) {
            return data[i];
        }

        @Override
        void setAll(double[] values) {
            System.arraycopy(values, 0, data, 0, values.length);
        }

        @Override
        void clear() {
            Arrays.fill(data, 0);
        }

        @Override
        void fill(int from, int to, double value) {
            Arrays.fill(data, from, to, value);
        }
    }
}
