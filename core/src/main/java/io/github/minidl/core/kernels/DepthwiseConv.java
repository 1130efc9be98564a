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
     * The forward (src x, dst y) or its adjoint in x (src gy, dst gx): the same sweep over samples,
     * each channel's taps gathered from x or scattered back into it.
     */
    private static void run(INDArray src, INDArray w, INDArray b, ConvSpec s, INDArray dst, boolean adjoint) {
        INDArray image = adjoint ? dst : src;
        INDArray result = adjoint ? src : dst;
        PatchIndex index = PatchIndex.of(s, (int) image.size(2), (int) image.size(3), (int) result.size(2),
                (int) result.size(3));
        double[] bias = HostBuffer.values(b);
        double[][] taps = taps(w);
        Layout l = new Layout(s, index);
        Shifts g = Shifts.apply(s) ? new Shifts(s, index) : null;
        Threads.forRange((int) src.size(0), (worker, from, to) -> {
            Work work = new Work(src.dataType(), l, g);
            HostBuffer in = adjoint ? work.planes : work.image;
            HostBuffer out = adjoint ? work.image : work.planes;
            for (int n = from; n < to; n++) {
                in.load(src, (long) n * in.length);
                if (g == null) {
                    byIndex(work, l, index, taps, bias, adjoint);
                } else {
                    for (int c = 0; c < l.channels; c++) {
                        if (adjoint) {
                            adjointShifted(work, g, l, taps, bias, c);
                        } else {
                            forwardShifted(work, g, l, taps, bias, c);
                        }
                    }
                }
                out.store(dst, (long) n * out.length);
            }
        });
    }

    /** One sample through the patch index: each output plane's taps gathered from, or scattered back into, x. */
    private static void byIndex(Work work, Layout l, PatchIndex index, double[][] taps, double[] bias,
                                boolean adjoint) {
        startPlanes(adjoint ? work.image : work.planes, bias, adjoint ? l.plane : l.pixels);
        for (int o = 0; o < l.outs; o++) {
            if (adjoint) {
                work.image.scatterTaps(work.planes, o * l.pixels, taps[o], index, (o / l.m) * l.plane);
            } else {
                work.planes.accumulateTaps(work.image, (o / l.m) * l.plane, taps[o], index, o * l.pixels);
            }
        }
    }

    /** Channel c's output planes at stride 1: each starts at its bias, then one axpy per tap of the padded plane. */
    private static void forwardShifted(Work work, Shifts g, Layout l, double[][] taps, double[] bias, int c) {
        g.pad(work.image, c * l.plane, work.padded);
        for (int o = c * l.m; o < (c + 1) * l.m; o++) {
            work.span.fill(0, g.span, bias == null ? 0 : bias[o]);
            for (int t = 0; t < g.offsets.length; t++) {
                work.span.axpy(taps[o][t], work.padded, g.offsets[t], 0, g.span);
            }
            work.planes.copyRows(work.span, 0, g.rowLength, o * l.pixels, g.outW, g.outH, g.outW);
        }
    }

    /** Its adjoint: channel c's plane starts at its bias and takes back every tap of its output planes. */
    private static void adjointShifted(Work work, Shifts g, Layout l, double[][] taps, double[] bias, int c) {
        work.padded.fill(0, g.paddedLength, bias == null ? 0 : bias[c]);
        for (int o = c * l.m; o < (c + 1) * l.m; o++) {
            g.spread(work.planes, o * l.pixels, work.span);
            for (int t = 0; t < g.offsets.length; t++) {
                work.padded.axpy(taps[o][t], work.span, 0, g.offsets[t], g.span);
            }
        }
        work.image.copyRows(work.padded, g.border, g.rowLength, c * l.plane, g.inW, g.inH, g.inW);
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
        Layout l = new Layout(s, index);
        int workers = Threads.workersFor((int) x.size(0));
        double[][][] partial = new double[workers][l.outs][index.taps];
        if (Shifts.apply(s)) {
            weightGradStride1(x, gy, s, index, partial);
            return sum(partial, x.dataType(), s, index);
        }
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            Work work = new Work(x.dataType(), l, null);
            for (int n = from; n < to; n++) {
                work.image.load(x, (long) n * work.image.length);
                work.planes.load(gy, (long) n * work.planes.length);
                for (int o = 0; o < l.outs; o++) {
                    work.image.correlateTaps((o / l.m) * l.plane, work.planes, o * l.pixels, index, partial[worker][o]);
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

    /** The channels of one call: m filters per input channel, input planes and output planes. */
    private static final class Layout {
        final int channels;
        final int m;
        final int outs;
        /** Elements of an input plane. */
        final int plane;
        /** Elements of an output plane. */
        final int pixels;

        Layout(ConvSpec s, PatchIndex index) {
            channels = s.inChannels();
            outs = s.outChannels();
            m = outs / channels;
            plane = index.planeSize();
            pixels = index.pixels();
        }
    }

    /**
     * One worker's heap buffers: a sample's input planes (x or gx) and output planes (y or gy),
     * and with {@link Shifts} a zero-bordered plane and one output plane at the padded row length.
     */
    private static final class Work {
        final HostBuffer image;
        final HostBuffer planes;
        final HostBuffer padded;
        final HostBuffer span;

        Work(DataType type, Layout l, Shifts g) {
            image = HostBuffer.allocate(type, l.channels * l.plane);
            planes = HostBuffer.allocate(type, l.outs * l.pixels);
            padded = g == null ? null : HostBuffer.allocate(type, g.paddedLength);
            span = g == null ? null : HostBuffer.allocate(type, g.span);
        }
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

    /**
     * Each worker keeps one running product row per (output channel, tap), summed over its
     * samples element by element (a loop the JIT vectorises), and reduces the rows once at the end.
     */
    private static void weightGradStride1(INDArray x, INDArray gy, ConvSpec s, PatchIndex index, double[][][] partial) {
        Shifts g = new Shifts(s, index);
        Layout l = new Layout(s, index);
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            Work work = new Work(x.dataType(), l, g);
            HostBuffer spread = work.span;
            HostBuffer[][] products = new HostBuffer[l.outs][g.offsets.length];
            for (HostBuffer[] perTap : products) {
                for (int t = 0; t < perTap.length; t++) {
                    perTap[t] = HostBuffer.allocate(x.dataType(), g.span);
                }
            }
            for (int n = from; n < to; n++) {
                work.image.load(x, (long) n * work.image.length);
                work.planes.load(gy, (long) n * work.planes.length);
                for (int c = 0; c < l.channels; c++) {
                    g.pad(work.image, c * l.plane, work.padded);
                    for (int o = c * l.m; o < (c + 1) * l.m; o++) {
                        g.spread(work.planes, o * l.pixels, spread);
                        for (int t = 0; t < g.offsets.length; t++) {
                            products[o][t].accumulateProduct(spread, work.padded, g.offsets[t], g.span);
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
