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

    /**
     * 2×2, stride-2 max pooling of {@code planes} consecutive (h, w) planes into {@code out}
     * (planes of h/2 × w/2): each window's maximum, the first tap in reading order winning ties
     * and the first NaN winning over numbers, as in PyTorch.
     */
    abstract void maxPool2x2(HostBuffer out, int planes, int h, int w);

    /**
     * The first-order backward of {@link #maxPool2x2} into this buffer (planes of h × w): each
     * {@code gy} goes to its window's winning tap, found again as the first tap equal to the
     * window's output {@code y} (the first NaN when y is NaN); every other element is +0.
     */
    abstract void maxPool2x2Backward(HostBuffer x, HostBuffer y, HostBuffer gy, int planes, int h, int w);

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

        @Override
        void maxPool2x2(HostBuffer out, int planes, int h, int w) {
            float[] x = data;
            float[] y = ((Floats) out).data;
            int outH = h / 2;
            int outW = w / 2;
            int o = 0;
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int top = p * h * w + 2 * i * w;
                    for (int j = 0; j < outW; j++, o++) {
                        int a = top + 2 * j;
                        int b = a + w;
                        // Math.max has no branches to mispredict on random data, but it prefers +0
                        // to -0 and need not keep the first NaN; only then is the tap order needed.
                        float m = Math.max(Math.max(x[a], x[a + 1]), Math.max(x[b], x[b + 1]));
                        if (m == 0 || m != m) {
                            m = x[firstWinner(a, b)];
                        }
                        y[o] = m;
                    }
                }
            }
        }

        /** The winning tap of the window with top-left a and bottom-left b, scanned in PyTorch's order. */
        private int firstWinner(int a, int b) {
            return laterTapWins(laterTapWins(laterTapWins(a, a + 1), b), b + 1);
        }

        /** The best tap after tap t, given the best so far: a later tap wins only if NaN or strictly greater. */
        private int laterTapWins(int at, int t) {
            float best = data[at];
            float v = data[t];
            return best == best && (v != v || v > best) ? t : at;
        }

        @Override
        void maxPool2x2Backward(HostBuffer x, HostBuffer y, HostBuffer gy, int planes, int h, int w) {
            float[] in = ((Floats) x).data;
            float[] out = ((Floats) y).data;
            float[] g = ((Floats) gy).data;
            float[] gx = data;
            int outH = h / 2;
            int outW = w / 2;
            if (h % 2 != 0 || w % 2 != 0) {
                Arrays.fill(gx, 0, planes * h * w, 0f);
            }
            int o = 0;
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int top = p * h * w + 2 * i * w;
                    for (int j = 0; j < outW; j++, o++) {
                        int a = top + 2 * j;
                        int b = a + w;
                        float m = out[o];
                        int bits = Float.floatToRawIntBits(g[o]);
                        int first;
                        int second;
                        int third;
                        int fourth;
                        if (m != m) {
                            int win = ((Floats) x).firstWinner(a, b);
                            first = win == a ? -1 : 0;
                            second = win == a + 1 ? -1 : 0;
                            third = win == b ? -1 : 0;
                            fourth = win == b + 1 ? -1 : 0;
                        } else {
                            // Masks pick the first tap equal to the maximum without branches: all
                            // ones for the winner, zero for the others.
                            first = -(in[a] == m ? 1 : 0);
                            second = -(in[a + 1] == m ? 1 : 0) & ~first;
                            third = -(in[b] == m ? 1 : 0) & ~(first | second);
                            fourth = ~(first | second | third);
                        }
                        // 0 + g, as in a scatter into zeros: a -0 gradient arrives as +0.
                        gx[a] = 0f + Float.intBitsToFloat(bits & first);
                        gx[a + 1] = 0f + Float.intBitsToFloat(bits & second);
                        gx[b] = 0f + Float.intBitsToFloat(bits & third);
                        gx[b + 1] = 0f + Float.intBitsToFloat(bits & fourth);
                    }
                }
            }
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

        @Override
        void maxPool2x2(HostBuffer out, int planes, int h, int w) {
            double[] x = data;
            double[] y = ((Doubles) out).data;
            int outH = h / 2;
            int outW = w / 2;
            int o = 0;
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int top = p * h * w + 2 * i * w;
                    for (int j = 0; j < outW; j++, o++) {
                        int a = top + 2 * j;
                        int b = a + w;
                        double m = Math.max(Math.max(x[a], x[a + 1]), Math.max(x[b], x[b + 1]));
                        if (m == 0 || m != m) {
                            m = x[firstWinner(a, b)];
                        }
                        y[o] = m;
                    }
                }
            }
        }

        private int firstWinner(int a, int b) {
            return laterTapWins(laterTapWins(laterTapWins(a, a + 1), b), b + 1);
        }

        /** The best tap after tap t, given the best so far: a later tap wins only if NaN or strictly greater. */
        private int laterTapWins(int at, int t) {
            double best = data[at];
            double v = data[t];
            return best == best && (v != v || v > best) ? t : at;
        }

        @Override
        void maxPool2x2Backward(HostBuffer x, HostBuffer y, HostBuffer gy, int planes, int h, int w) {
            double[] in = ((Doubles) x).data;
            double[] out = ((Doubles) y).data;
            double[] g = ((Doubles) gy).data;
            double[] gx = data;
            int outH = h / 2;
            int outW = w / 2;
            if (h % 2 != 0 || w % 2 != 0) {
                Arrays.fill(gx, 0, planes * h * w, 0.0);
            }
            int o = 0;
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int top = p * h * w + 2 * i * w;
                    for (int j = 0; j < outW; j++, o++) {
                        int a = top + 2 * j;
                        int b = a + w;
                        double m = out[o];
                        int win;
                        if (m != m) {
                            win = ((Doubles) x).firstWinner(a, b);
                        } else {
                            win = in[a] == m ? a : in[a + 1] == m ? a + 1 : in[b] == m ? b : b + 1;
                        }
                        // float64 serves gradient checks, so plain branches do; 0 + g as in a scatter into zeros.
                        gx[a] = win == a ? 0.0 + g[o] : 0.0;
                        gx[a + 1] = win == a + 1 ? 0.0 + g[o] : 0.0;
                        gx[b] = win == b ? 0.0 + g[o] : 0.0;
                        gx[b + 1] = win == b + 1 ? 0.0 + g[o] : 0.0;
                    }
                }
            }
        }
    }
}
