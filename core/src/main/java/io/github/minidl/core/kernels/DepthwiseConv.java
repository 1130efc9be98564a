package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct loops for depthwise convolution (groups = inChannels, m = out/in filters per channel).
 * A GEMM per channel would have an inner dimension of kH·kW (9 for 3×3) and waste the machine;
 * here every output plane is a weighted sum of kH·kW shifted input planes, read through the same
 * {@link PatchIndex} as im2col. Forward, adjoint and weight gradient mirror {@link Im2ColGemm}.
 *
 * <p>With stride 1 (the usual depthwise layer) each channel is first copied into a zero-bordered
 * plane. A tap is then a constant shift in that plane, so the output, taken with the padded row
 * length, is one long axpy per tap instead of a short loop per output row; the few columns
 * that wrap around the row end are computed and dropped.
 */
final class DepthwiseConv {
    private DepthwiseConv() {
    }

    /** y[n, c·m + j] = Σ_t w[c·m + j, t] · x[n, c, index[t]]. */
    static void forward(INDArray x, INDArray w, INDArray b, ConvSpec s, INDArray y) {
        run(x, w, b, s, y, false);
    }

    /** The adjoint in x: gx[n, c, index[t]] += Σ_j w[c·m + j, t] · gy[n, c·m + j]. */
    static void adjoint(INDArray gy, INDArray w, INDArray b, ConvSpec s, INDArray gx) {
        run(gy, w, b, s, gx, true);
    }

    /**
     * The forward (src x, dst y) or its adjoint in x (src gy, dst gx): the same sweep over samples
     * and output channels, each channel's taps gathered from x or scattered back into it.
     */
    private static void run(INDArray src, INDArray w, INDArray b, ConvSpec s, INDArray dst, boolean adjoint) {
        INDArray image = adjoint ? dst : src;
        INDArray result = adjoint ? src : dst;
        PatchIndex index = PatchIndex.of(s, (int) image.size(2), (int) image.size(3), (int) result.size(2),
                (int) result.size(3));
        double[] bias = HostBuffer.values(b);
        if (Shifts.apply(s)) {
            if (adjoint) {
                adjointStride1(src, w, bias, s, index, dst);
            } else {
                forwardStride1(src, w, bias, s, index, dst);
            }
            return;
        }
        double[][] taps = taps(w);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) src.size(0), (worker, from, to) -> {
            HostBuffer in = HostBuffer.allocate(src.dataType(), adjoint ? channels * m * pixels : channels * plane);
            HostBuffer out = HostBuffer.allocate(src.dataType(), adjoint ? channels * plane : channels * m * pixels);
            for (int n = from; n < to; n++) {
                in.load(src, (long) n * in.length);
                startPlanes(out, bias, adjoint ? plane : pixels);
                for (int o = 0; o < channels * m; o++) {
                    if (adjoint) {
                        out.scatterTaps(in, o * pixels, taps[o], index, (o / m) * plane);
                    } else {
                        out.accumulateTaps(in, (o / m) * plane, taps[o], index, o * pixels);
                    }
                }
                out.store(dst, (long) n * out.length);
            }
        });
    }

    /**
     * Starts every plane of {@code planes} at its channel's bias (zero without one): the bias is
     * written with the output rather than added in a second pass over it.
     */
    private static void startPlanes(HostBuffer planes, double[] bias, int planeSize) {
        if (bias == null) {
            planes.clear();
        } else {
            planes.fillPlanes(bias, planeSize);
        }
    }

    /** gw[c·m + j, t] = Σ_n Σ_p gy[n, c·m + j, p] · x[n, c, index[t, p]]. */
    static INDArray weightGrad(INDArray x, INDArray gy, ConvSpec s) {
        PatchIndex index = PatchIndex.of(s, (int) x.size(2), (int) x.size(3), (int) gy.size(2), (int) gy.size(3));
        int channels = s.inChannels();
        int outs = s.outChannels();
        int m = outs / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        int workers = Threads.workersFor((int) x.size(0));
        double[][][] partial = new double[workers][outs][index.taps];
        if (Shifts.apply(s)) {
            weightGradStride1(x, gy, s, index, partial);
            return sum(partial, x.dataType(), s, index);
        }
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            HostBuffer in = HostBuffer.allocate(x.dataType(), channels * plane);
            HostBuffer upstream = HostBuffer.allocate(x.dataType(), outs * pixels);
            for (int n = from; n < to; n++) {
                in.load(x, (long) n * in.length);
                upstream.load(gy, (long) n * upstream.length);
                for (int o = 0; o < outs; o++) {
                    in.correlateTaps((o / m) * plane, upstream, o * pixels, index, partial[worker][o]);
                }
            }
        });
        return sum(partial, x.dataType(), s, index);
    }

    /** The workers' partial weight gradients added in worker order, as a [O, 1, kH, kW] array. */
    private static INDArray sum(double[][][] partial, DataType type, ConvSpec s, PatchIndex index) {
        int outs = s.outChannels();
        double[] sum = new double[outs * index.taps];
        for (double[][] part : partial) {
            for (int o = 0; o < outs; o++) {
                for (int t = 0; t < index.taps; t++) {
                    sum[o * index.taps + t] += part[o][t];
                }
            }
        }
        HostBuffer result = HostBuffer.allocate(type, outs * index.taps);
        INDArray gw = Nd4j.create(type, s.weightShape());
        result.setAll(sum);
        result.store(gw, 0);
        return gw;
    }

    /**
     * Stride-1 geometry on zero-bordered planes of row length {@code rowLength}: tap t reads the
     * padded plane shifted by {@code offsets[t]}, and output (oh, ow) sits at oh·rowLength + ow of
     * a span of {@code span} elements that covers every output.
     */
    private static final class Shifts {
        final int inH;
        final int inW;
        final int outH;
        final int outW;
        final int rowLength;
        final int paddedLength;
        final int border;
        final int span;
        final int[] offsets;

        static boolean apply(ConvSpec s) {
            return s.stride(0) == 1 && s.stride(1) == 1;
        }

        Shifts(ConvSpec s, PatchIndex index) {
            inH = index.inH;
            inW = index.inW;
            outH = index.outH;
            outW = index.outW;
            rowLength = inW + 2 * s.padding(1);
            int paddedH = inH + 2 * s.padding(0);
            paddedLength = paddedH * rowLength;
            border = s.padding(0) * rowLength + s.padding(1);
            int fullH = paddedH - s.dilation(0) * (s.kernel(0) - 1);
            int fullW = rowLength - s.dilation(1) * (s.kernel(1) - 1);
            span = (fullH - 1) * rowLength + fullW;
            offsets = new int[index.taps];
            for (int a = 0, t = 0; a < s.kernel(0); a++) {
                for (int b = 0; b < s.kernel(1); b++, t++) {
                    offsets[t] = a * s.dilation(0) * rowLength + b * s.dilation(1);
                }
            }
        }

        /** Copies plane {@code at} of {@code image} into the interior of {@code padded} (whose border stays 0). */
        void pad(HostBuffer image, int at, HostBuffer padded) {
            padded.copyRows(image, at, inW, border, rowLength, inH, inW);
        }

        /** Copies an output plane into {@code spread} at the padded row length (the other positions stay 0). */
        void spread(HostBuffer planes, int at, HostBuffer spread) {
            spread.copyRows(planes, at, outW, 0, rowLength, outH, outW);
        }
    }

    private static void forwardStride1(INDArray x, INDArray w, double[] bias, ConvSpec s, PatchIndex index,
                                       INDArray y) {
        Shifts g = new Shifts(s, index);
        double[][] taps = taps(w);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            HostBuffer in = HostBuffer.allocate(x.dataType(), channels * plane);
            HostBuffer out = HostBuffer.allocate(x.dataType(), channels * m * pixels);
            HostBuffer padded = HostBuffer.allocate(x.dataType(), g.paddedLength);
            HostBuffer acc = HostBuffer.allocate(x.dataType(), g.span);
            for (int n = from; n < to; n++) {
                in.load(x, (long) n * in.length);
                for (int c = 0; c < channels; c++) {
                    g.pad(in, c * plane, padded);
                    for (int o = c * m; o < (c + 1) * m; o++) {
                        acc.fill(0, g.span, bias == null ? 0 : bias[o]);
                        for (int t = 0; t < g.offsets.length; t++) {
                            acc.axpy(taps[o][t], padded, g.offsets[t], 0, g.span);
                        }
                        out.copyRows(acc, 0, g.rowLength, o * pixels, g.outW, g.outH, g.outW);
                    }
                }
                out.store(y, (long) n * out.length);
            }
        });
    }

    private static void adjointStride1(INDArray gy, INDArray w, double[] bias, ConvSpec s, PatchIndex index,
                                       INDArray gx) {
        Shifts g = new Shifts(s, index);
        double[][] taps = taps(w);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) gy.size(0), (worker, from, to) -> {
            HostBuffer upstream = HostBuffer.allocate(gy.dataType(), channels * m * pixels);
            HostBuffer grad = HostBuffer.allocate(gy.dataType(), channels * plane);
            HostBuffer padded = HostBuffer.allocate(gy.dataType(), g.paddedLength);
            HostBuffer spread = HostBuffer.allocate(gy.dataType(), g.span);
            for (int n = from; n < to; n++) {
                upstream.load(gy, (long) n * upstream.length);
                for (int c = 0; c < channels; c++) {
                    padded.fill(0, g.paddedLength, bias == null ? 0 : bias[c]);
                    for (int o = c * m; o < (c + 1) * m; o++) {
                        g.spread(upstream, o * pixels, spread);
                        for (int t = 0; t < g.offsets.length; t++) {
                            padded.axpy(taps[o][t], spread, 0, g.offsets[t], g.span);
                        }
                    }
                    grad.copyRows(padded, g.border, g.rowLength, c * plane, g.inW, g.inH, g.inW);
                }
                grad.store(gx, (long) n * grad.length);
            }
        });
    }

    /**
     * Each worker keeps one running product row per (output channel, tap), summed over its
     * samples element by element (a loop the JIT vectorises), and reduces the rows once at the end.
     */
    private static void weightGradStride1(INDArray x, INDArray gy, ConvSpec s, PatchIndex index, double[][][] partial) {
        Shifts g = new Shifts(s, index);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            HostBuffer in = HostBuffer.allocate(x.dataType(), channels * plane);
            HostBuffer upstream = HostBuffer.allocate(x.dataType(), channels * m * pixels);
            HostBuffer padded = HostBuffer.allocate(x.dataType(), g.paddedLength);
            HostBuffer spread = HostBuffer.allocate(x.dataType(), g.span);
            HostBuffer[][] products = new HostBuffer[channels * m][g.offsets.length];
            for (HostBuffer[] perTap : products) {
                for (int t = 0; t < perTap.length; t++) {
                    perTap[t] = HostBuffer.allocate(x.dataType(), g.span);
                }
            }
            for (int n = from; n < to; n++) {
                in.load(x, (long) n * in.length);
                upstream.load(gy, (long) n * upstream.length);
                for (int c = 0; c < channels; c++) {
                    g.pad(in, c * plane, padded);
                    for (int o = c * m; o < (c + 1) * m; o++) {
                        g.spread(upstream, o * pixels, spread);
                        for (int t = 0; t < g.offsets.length; t++) {
                            products[o][t].accumulateProduct(spread, padded, g.offsets[t], g.span);
                        }
                    }
                }
            }
            for (int o = 0; o < products.length; o++) {
                for (int t = 0; t < g.offsets.length; t++) {
                    partial[worker][o][t] = products[o][t].sum();
                }
            }
        });
    }

    private static double[][] taps(INDArray w) {
        int outs = (int) w.size(0);
        int taps = (int) (w.length() / outs);
        HostBuffer host = HostBuffer.allocate(w.dataType(), outs * taps);
        host.load(w, 0);
        double[][] result = new double[outs][taps];
        for (int o = 0; o < outs; o++) {
            for (int t = 0; t < taps; t++) {
                result[o][t] = host.get(o * taps + t);
            }
        }
        return result;
    }
}
