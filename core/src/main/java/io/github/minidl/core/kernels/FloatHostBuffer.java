package io.github.minidl.core.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A host buffer of {@code float} elements. Internal to core: public so that the pooling loops can
 * reach its array.
 *
 * <p>[dtype template] The build writes the float64 twin, DoubleHostBuffer, from this file by
 * turning every "float" into "double" (core/pom.xml), so the loops are written once: code here
 * must read correctly under that replacement.
 */
public final class FloatHostBuffer extends HostBuffer {
    public final float[] data;
    /** Scratch row for {@link #axpy} and {@link #accumulateProduct}; a buffer belongs to one thread. */
    private float[] row;

    FloatHostBuffer(int length) {
        super(length);
        data = new float[length];
    }

    @Override
    DataType dataType() {
        return DataType.FLOAT;
    }

    @Override
    public void load(INDArray a, long from, int count) {
        a.data().asNioFloat().get(Math.toIntExact(a.offset() + from), data, 0, count);
    }

    @Override
    public void store(INDArray a, long to, int count) {
        a.data().asNioFloat().put(Math.toIntExact(a.offset() + to), data, 0, count);
    }

    @Override
    void axpy(double w, HostBuffer x, int from, int at, int len) {
        float[] src = ((FloatHostBuffer) x).data;
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
        float[] left = ((FloatHostBuffer) a).data;
        float[] row = row(len);
        System.arraycopy(((FloatHostBuffer) b).data, from, row, 0, len);
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
        float[] src = ((FloatHostBuffer) x).data;
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
        float[] src = ((FloatHostBuffer) gy).data;
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
        float[] g = ((FloatHostBuffer) gy).data;
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
        float[] src = ((FloatHostBuffer) image).data;
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
        float[] src = ((FloatHostBuffer) cols).data;
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
        float[] s = ((FloatHostBuffer) src).data;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, srcOffset + r * srcStride, data, dstOffset + r * dstStride, len);
        }
    }

    @Override
    double get(int i) {
        return data[i];
    }

    @Override
    void setAll(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            data[i] = (float) values[i];
        }
    }

    @Override
    void getAll(double[] dst, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] = data[i];
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
