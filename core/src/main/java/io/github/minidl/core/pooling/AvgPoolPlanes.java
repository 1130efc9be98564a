package io.github.minidl.core.pooling;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Average and adaptive average pooling and their adjoints, looping in float64 (at least as
 * accurate as float32; results are rounded to the input's dtype). Arguments are checked by
 * {@link PoolKernels}.
 */
final class AvgPoolPlanes {
    private AvgPoolPlanes() {
    }

    /** {@link PoolKernels#avgPool2d} of a checked input. */
    static INDArray avgPool2d(INDArray x, PoolSpec spec) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = spec.outputSize(h, w);
        double[] src = HostBuffer.doubles(x);
        double[] y = new double[(int) (x.size(0) * x.size(1)) * out[0] * out[1]];
        avgLoop(spec, h, w, out, (int) (x.size(0) * x.size(1)), (p, o, r, c, scale) -> y[o] += src[p + r * w + c] * scale);
        return HostBuffer.array(y, new long[] {x.size(0), x.size(1), out[0], out[1]}, x.dataType());
    }

    /** {@link PoolKernels#avgPool2dAdjoint} of a checked gradient. */
    static INDArray avgPool2dAdjoint(INDArray gy, PoolSpec spec, int h, int w) {
        int[] out = spec.outputSize(h, w);
        double[] g = HostBuffer.doubles(gy);
        double[] gx = new double[(int) (gy.size(0) * gy.size(1)) * h * w];
        avgLoop(spec, h, w, out, (int) (gy.size(0) * gy.size(1)), (p, o, r, c, scale) -> gx[p + r * w + c] += g[o] * scale);
        return HostBuffer.array(gx, new long[] {gy.size(0), gy.size(1), h, w}, gy.dataType());
    }

    /** {@link PoolKernels#adaptiveAvgPool2d} of a checked input. */
    static INDArray adaptiveAvgPool2d(INDArray x, int oh, int ow) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = HostBuffer.doubles(x);
        double[] y = new double[(int) (x.size(0) * x.size(1)) * oh * ow];
        adaptiveLoop(h, w, oh, ow, (int) (x.size(0) * x.size(1)), (p, o, r, c, scale) -> y[o] += src[p + r * w + c] * scale);
        return HostBuffer.array(y, new long[] {x.size(0), x.size(1), oh, ow}, x.dataType());
    }

    /** {@link PoolKernels#adaptiveAvgPool2dAdjoint} of a checked gradient. */
    static INDArray adaptiveAvgPool2dAdjoint(INDArray gy, int h, int w) {
        int oh = (int) gy.size(2);
        int ow = (int) gy.size(3);
        double[] g = HostBuffer.doubles(gy);
        double[] gx = new double[(int) (gy.size(0) * gy.size(1)) * h * w];
        adaptiveLoop(h, w, oh, ow, (int) (gy.size(0) * gy.size(1)), (p, o, r, c, scale) -> gx[p + r * w + c] += g[o] * scale);
        return HostBuffer.array(gx, new long[] {gy.size(0), gy.size(1), h, w}, gy.dataType());
    }

    /** Visits (plane offset, output index, row, column, 1/divisor) of every window position. */
    private interface WindowVisitor {
        void visit(int planeOffset, int outIndex, int r, int c, double scale);
    }

    private static void avgLoop(PoolSpec spec, int h, int w, int[] out, int planes, WindowVisitor v) {
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int o = p * out[0] * out[1];
                for (int i = 0; i < out[0]; i++) {
                    int r0 = i * spec.stride(0) - spec.padding(0);
                    int r1 = Math.min(r0 + spec.kernel(0), h + spec.padding(0));
                    for (int j = 0; j < out[1]; j++, o++) {
                        int c0 = j * spec.stride(1) - spec.padding(1);
                        int c1 = Math.min(c0 + spec.kernel(1), w + spec.padding(1));
                        int padded = (r1 - r0) * (c1 - c0);
                        int rs = Math.max(r0, 0);
                        int re = Math.min(r1, h);
                        int cs = Math.max(c0, 0);
                        int ce = Math.min(c1, w);
                        int divisor = spec.divisorOverride() > 0 ? spec.divisorOverride()
                                : spec.countIncludePad() ? padded : (re - rs) * (ce - cs);
                        double scale = 1.0 / divisor;
                        for (int r = rs; r < re; r++) {
                            for (int c = cs; c < ce; c++) {
                                v.visit(p * h * w, o, r, c, scale);
                            }
                        }
                    }
                }
            }
        });
    }

    private static void adaptiveLoop(int h, int w, int oh, int ow, int planes, WindowVisitor v) {
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = AdaptivePoolKernels.binStart(i, h, oh);
                    int r1 = AdaptivePoolKernels.binEnd(i, h, oh);
                    for (int j = 0; j < ow; j++, o++) {
                        int c0 = AdaptivePoolKernels.binStart(j, w, ow);
                        int c1 = AdaptivePoolKernels.binEnd(j, w, ow);
                        double scale = 1.0 / ((r1 - r0) * (c1 - c0));
                        for (int r = r0; r < r1; r++) {
                            for (int c = c0; c < c1; c++) {
                                v.visit(p * h * w, o, r, c, scale);
                            }
                        }
                    }
                }
            }
        });
    }
}
