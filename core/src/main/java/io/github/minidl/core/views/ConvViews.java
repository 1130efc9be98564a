package io.github.minidl.core.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three views of one convolution, written to be read, not to be fast: a sliding window, an
 * im2col matrix times the flattened kernel, and an explicit convolution matrix C whose transpose
 * is the transposed convolution. All support stride, padding, dilation and groups; they compute in
 * float64 and return the input's dtype. Tests use them as oracles for {@link ConvKernels}.
 */
public final class ConvViews {
    private ConvViews() {
    }

    // ---- view 1: sliding window ---------------------------------------------------------

    /**
     * conv2d by its definition: for every output pixel, multiply the input region under the
     * (dilated) kernel element-wise by the kernel and sum.
     * x [N, in, H, W], w [out, in/groups, kH, kW], b [out] or null.
     */
    public static INDArray slidingWindow(INDArray x, INDArray w, INDArray b, ConvSpec s) {
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] out = s.outputSize(h, wd);
        double[][][][] in = toNchw(x);
        double[][][][] k = toNchw(w);
        double[][][][] y = new double[in.length][s.outChannels()][out[0]][out[1]];
        addBias(y, b);
        for (int i = 0; i < in.length; i++) {
            double[][][] xi = in[i];
            double[][][] yi = y[i];
            forEachTap(s, h, wd, out, (o, oh, ow, c, kc, kh, kw, ih, iw) ->
                    yi[o][oh][ow] += xi[c][ih][iw] * k[o][kc][kh][kw]);
        }
        return fromNchw(y, x.dataType());
    }

    /**
     * convTranspose2d by its definition: every input pixel scatters its value times the kernel
     * into the output, at stride spacing; then the border is cropped by padding. The scatter runs
     * the adjoint convolution's windows backwards: what that convolution gathers, this spreads.
     * x [N, in, H, W], w [in, out/groups, kH, kW], b [out] or null.
     */
    public static INDArray slidingWindowTranspose(INDArray x, INDArray w, INDArray b, TransposedConvSpec s) {
        int[] small = {(int) x.size(2), (int) x.size(3)};
        int[] out = s.outputSize(small[0], small[1]);
        double[][][][] in = toNchw(x);
        double[][][][] k = toNchw(w);
        double[][][][] y = new double[in.length][s.outChannels()][out[0]][out[1]];
        for (int i = 0; i < in.length; i++) {
            double[][][] xi = in[i];
            double[][][] yi = y[i];
            forEachTap(s.adjoint(), out[0], out[1], small, (o, oh, ow, c, kc, kh, kw, ih, iw) ->
                    yi[c][ih][iw] += xi[o][oh][ow] * k[o][kc][kh][kw]);
        }
        addBias(y, b);
        return fromNchw(y, x.dataType());
    }

    /** One kernel tap of a convolution: output pixel (o, oh, ow) reads input pixel (c, ih, iw) through weight [o][kc][kh][kw]. */
    private interface Tap {
        void at(int o, int oh, int ow, int c, int kc, int kh, int kw, int ih, int iw);
    }

    /**
     * The sliding window, written once: for every output pixel of {@code conv} within {@code out}
     * (row-major, channel first), every tap whose input pixel lies inside (h, wd), in the order
     * (o, oh, ow, kc, kh, kw). Taps that fall into the padding are skipped.
     */
    private static void forEachTap(ConvSpec conv, int h, int wd, int[] out, Tap tap) {
        int inPerGroup = conv.inChannels() / conv.groups();
        int outPerGroup = conv.outChannels() / conv.groups();
        for (int o = 0; o < conv.outChannels(); o++) {
            int firstInput = (o / outPerGroup) * inPerGroup;
            for (int oh = 0; oh < out[0]; oh++) {
                for (int ow = 0; ow < out[1]; ow++) {
                    for (int kc = 0; kc < inPerGroup; kc++) {
                        for (int kh = 0; kh < conv.kernel(0); kh++) {
                            for (int kw = 0; kw < conv.kernel(1); kw++) {
                                int ih = oh * conv.stride(0) - conv.padding(0) + kh * conv.dilation(0);
                                int iw = ow * conv.stride(1) - conv.padding(1) + kw * conv.dilation(1);
                                if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                    tap.at(o, oh, ow, firstInput + kc, kc, kh, kw, ih, iw);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- view 2: im2col -----------------------------------------------------------------

    /**
     * The im2col matrix of one sample x [C, H, W] for the channels of one group: one row per
     * output pixel (row-major), holding that pixel's input region flattened as (c, kh, kw).
     * A 5×5 input and a 3×3 kernel give 9 regions: a 9×9 matrix.
     */
    public static INDArray im2col(INDArray sample, ConvSpec s, int group) {
        int h = (int) sample.size(1);
        int wd = (int) sample.size(2);
        int[] out = s.outputSize(h, wd);
        int inPerGroup = s.inChannels() / s.groups();
        double[][][] in = toChw(sample);
        int taps = s.kernel(0) * s.kernel(1);
        double[][] rows = new double[out[0] * out[1]][inPerGroup * taps];
        for (int oh = 0; oh < out[0]; oh++) {
            for (int ow = 0; ow < out[1]; ow++) {
                double[] row = rows[oh * out[1] + ow];
                for (int c = 0; c < inPerGroup; c++) {
                    for (int kh = 0; kh < s.kernel(0); kh++) {
                        for (int kw = 0; kw < s.kernel(1); kw++) {
                            int ih = oh * s.stride(0) - s.padding(0) + kh * s.dilation(0);
                            int iw = ow * s.stride(1) - s.padding(1) + kw * s.dilation(1);
                            boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < wd;
                            row[(c * s.kernel(0) + kh) * s.kernel(1) + kw] =
                                    inside ? in[group * inPerGroup + c][ih][iw] : 0.0;
                        }
                    }
                }
            }
        }
        return Nd4j.createFromArray(rows).castTo(sample.dataType());
    }

    /**
     * conv2d as im2col: per sample and group, the im2col matrix times the group's kernels
     * flattened into columns, reshaped back to the output map.
     */
    public static INDArray viaIm2col(INDArray x, INDArray w, INDArray b, ConvSpec s) {
        int[] out = s.outputSize((int) x.size(2), (int) x.size(3));
        int outPerGroup = s.outChannels() / s.groups();
        INDArray y = Nd4j.create(DataType.DOUBLE, x.size(0), s.outChannels(), out[0], out[1]);
        INDArray kernels = w.castTo(DataType.DOUBLE).reshape('c', s.outChannels(), w.length() / s.outChannels());
        for (int i = 0; i < x.size(0); i++) {
            INDArray sample = x.slice(i).castTo(DataType.DOUBLE);
            for (int g = 0; g < s.groups(); g++) {
                INDArray rows = im2col(sample, s, g);
                for (int j = 0; j < outPerGroup; j++) {
                    int o = g * outPerGroup + j;
                    INDArray column = kernels.getRow(o).reshape(-1, 1);
                    INDArray map = rows.mmul(column).reshape(out[0], out[1]);
                    y.slice(i).slice(o).assign(map);
                }
            }
        }
        double[][][][] result = toNchw(y);
        addBias(result, b);
        return fromNchw(result, x.dataType());
    }

    // ---- view 3: the convolution matrix -------------------------------------------------

    /**
     * The convolution as a matrix C of shape [out·Ho·Wo, in·H·W]: row (o, oh, ow) is kernel o
     * placed at that output position, padded out to the input's size and flattened. Then
     * vec(conv2d(x)) = C · vec(x), and the transposed convolution is Cᵀ.
     * For a 5×5 input and one 3×3 kernel, C is 9×25.
     */
    public static INDArray convolutionMatrix(INDArray w, ConvSpec s, int h, int wd) {
        int[] out = s.outputSize(h, wd);
        double[][][][] k = toNchw(w);
        double[][] c = new double[s.outChannels() * out[0] * out[1]][s.inChannels() * h * wd];
        forEachTap(s, h, wd, out, (o, oh, ow, ci, kc, kh, kw, ih, iw) ->
                c[(o * out[0] + oh) * out[1] + ow][(ci * h + ih) * wd + iw] += k[o][kc][kh][kw]);
        return Nd4j.createFromArray(c);
    }

    /** conv2d as C · vec(x) per sample (no bias). */
    public static INDArray viaMatrix(INDArray x, INDArray w, ConvSpec s) {
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] out = s.outputSize(h, wd);
        INDArray c = convolutionMatrix(w, s, h, wd);
        INDArray columns = x.castTo(DataType.DOUBLE).reshape('c', x.size(0), -1).transpose();
        INDArray y = c.mmul(columns).transpose();
        return y.reshape('c', x.size(0), s.outChannels(), out[0], out[1]).castTo(x.dataType());
    }

    /**
     * The transposed convolution as Cᵀ · vec(y) per sample (no bias), where C is the matrix of
     * the convolution this one is the adjoint of ({@code spec.adjoint()}). The output size is
     * that of {@link TransposedConvSpec#outputSize}, so output padding is honoured.
     * y [N, in, H, W], w [in, out/groups, kH, kW].
     */
    public static INDArray viaMatrixTranspose(INDArray y, INDArray w, TransposedConvSpec s) {
        int[] out = s.outputSize((int) y.size(2), (int) y.size(3));
        ConvSpec conv = s.adjoint();
        // C maps the (larger) output image back onto y's grid; its first rows are the ones
        // y's pixels correspond to, because output padding only adds rows at the bottom/right.
        INDArray c = convolutionMatrixOnto(w, conv, out[0], out[1], (int) y.size(2), (int) y.size(3));
        INDArray columns = y.castTo(DataType.DOUBLE).reshape('c', y.size(0), -1).transpose();
        INDArray x = c.transpose().mmul(columns).transpose();
        return x.reshape('c', y.size(0), s.outChannels(), out[0], out[1]).castTo(y.dataType());
    }

    private static INDArray convolutionMatrixOnto(INDArray w, ConvSpec conv, int h, int wd, int outH, int outW) {
        int[] full = conv.outputSize(h, wd);
        INDArray c = convolutionMatrix(w, conv, h, wd);
        if (full[0] == outH && full[1] == outW) {
            return c;
        }
        // Keep the rows of output pixels inside (outH, outW).
        int[] rows = new int[conv.outChannels() * outH * outW];
        int r = 0;
        for (int o = 0; o < conv.outChannels(); o++) {
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    rows[r++] = (o * full[0] + oh) * full[1] + ow;
                }
            }
        }
        return c.getRows(rows);
    }

    // ---- plain arrays -------------------------------------------------------------------

    private static void addBias(double[][][][] y, INDArray b) {
        if (b == null) {
            return;
        }
        double[] bias = b.castTo(DataType.DOUBLE).toDoubleVector();
        for (double[][][] sample : y) {
            for (int o = 0; o < sample.length; o++) {
                for (double[] row : sample[o]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] += bias[o];
                    }
                }
            }
        }
    }

    private static double[][][][] toNchw(INDArray a) {
        int[] d = {(int) a.size(0), (int) a.size(1), (int) a.size(2), (int) a.size(3)};
        double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][][][] r = new double[d[0]][d[1]][d[2]][d[3]];
        int i = 0;
        for (double[][][] a0 : r) {
            for (double[][] a1 : a0) {
                for (double[] a2 : a1) {
                    System.arraycopy(flat, i, a2, 0, d[3]);
                    i += d[3];
                }
            }
        }
        return r;
    }

    private static double[][][] toChw(INDArray a) {
        return toNchw(a.reshape(1, a.size(0), a.size(1), a.size(2)))[0];
    }

    private static INDArray fromNchw(double[][][][] y, DataType type) {
        return Nd4j.createFromArray(y).castTo(type);
    }
}
