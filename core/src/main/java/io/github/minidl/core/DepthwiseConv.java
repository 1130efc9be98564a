package io.github.minidl.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct loops for depthwise convolution (groups = inChannels, m = out/in filters per channel).
 * A GEMM per channel would have an inner dimension of kH·kW (9 for 3×3) and waste the machine;
 * here every output plane is a weighted sum of kH·kW shifted input planes, read through the same
 * {@link PatchIndex} as im2col. Forward, adjoint and weight gradient mirror {@link Im2ColGemm}.
 */
final class DepthwiseConv {
    private DepthwiseConv() {
    }

    /** y[n, c·m + j] = Σ_t w[c·m + j, t] · x[n, c, index[t]]. */
    static void forward(INDArray x, INDArray w, ConvSpec s, INDArray y) {
        PatchIndex index = PatchIndex.of(s, (int) x.size(2), (int) x.size(3), (int) y.size(2), (int) y.size(3));
        double[][] taps = taps(w);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            HostBuffer in = HostBuffer.allocate(x.dataType(), channels * plane);
            HostBuffer out = HostBuffer.allocate(x.dataType(), channels * m * pixels);
            for (int n = from; n < to; n++) {
                in.load(x, (long) n * in.length);
                out.clear();
                for (int o = 0; o < channels * m; o++) {
                    out.accumulateTaps(in, (o / m) * plane, taps[o], index, o * pixels);
                }
                out.store(y, (long) n * out.length);
            }
        });
    }

    /** The adjoint in x: gx[n, c, index[t]] += Σ_j w[c·m + j, t] · gy[n, c·m + j]. */
    static void adjoint(INDArray gy, INDArray w, ConvSpec s, INDArray gx) {
        PatchIndex index = PatchIndex.of(s, (int) gx.size(2), (int) gx.size(3), (int) gy.size(2), (int) gy.size(3));
        double[][] taps = taps(w);
        int channels = s.inChannels();
        int m = s.outChannels() / channels;
        int plane = index.planeSize();
        int pixels = index.pixels();
        Threads.forRange((int) gy.size(0), (worker, from, to) -> {
            HostBuffer upstream = HostBuffer.allocate(gy.dataType(), channels * m * pixels);
            HostBuffer grad = HostBuffer.allocate(gy.dataType(), channels * plane);
            for (int n = from; n < to; n++) {
                upstream.load(gy, (long) n * upstream.length);
                grad.clear();
                for (int o = 0; o < channels * m; o++) {
                    grad.scatterTaps(upstream, o * pixels, taps[o], index, (o / m) * plane);
                }
                grad.store(gx, (long) n * grad.length);
            }
        });
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
        HostBuffer result = HostBuffer.allocate(x.dataType(), outs * index.taps);
        double[] sum = new double[outs * index.taps];
        for (double[][] part : partial) {
            for (int o = 0; o < outs; o++) {
                for (int t = 0; t < index.taps; t++) {
                    sum[o * index.taps + t] += part[o][t];
                }
            }
        }
        INDArray gw = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), s.weightShape());
        result.setAll(sum);
        result.store(gw, 0);
        return gw;
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
