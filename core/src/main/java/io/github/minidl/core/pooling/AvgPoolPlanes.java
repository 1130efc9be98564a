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
        return pooled(x, spec, (int) x.size(2), (int) x.size(3), false);
    }

    /** {@link PoolKernels#avgPool2dAdjoint} of a checked gradient. */
    static INDArray avgPool2dAdjoint(INDArray gy, PoolSpec spec, int h, int w) {
        return pooled(gy, spec, h, w, true);
    }

    /** Average pooling of an (h, w) input, or its adjoint, over the spec's windows. */
    private static INDArray pooled(INDArray a, PoolSpec spec, int h, int w, boolean adjoint) {
        int[] out = spec.outputSize(h, w);
        Axis rows = Axis.windows(spec, 0, h, out[0]);
        Axis cols = Axis.windows(spec, 1, w, out[1]);
        return run(a, rows, cols, spec.divisorOverride(), adjoint);
    }

    /** {@link PoolKernels#adaptiveAvgPool2d} of a checked input. */
    static INDArray adaptiveAvgPool2d(INDArray x, int oh, int ow) {
        return run(x, Axis.bins((int) x.size(2), oh), Axis.bins((int) x.size(3), ow), 0, false);
    }

    /** {@link PoolKernels#adaptiveAvgPool2dAdjoint} of a checked gradient. */
    static INDArray adaptiveAvgPool2dAdjoint(INDArray gy, int h, int w) {
        return run(gy, Axis.bins(h, (int) gy.size(2)), Axis.bins(w, (int) gy.size(3)), 0, true);
    }

    /**
     * The windows along one axis of {@code size} positions: output i averages positions
     * [start[i], end[i]), and its divisor counts {@code count[i]} of them along this axis.
     * Average pooling's windows and adaptive pooling's bins differ only here.
     */
    private static final class Axis {
        final int size;
        final int[] start;
        final int[] end;
        final int[] count;

        private Axis(int size, int outputs) {
            this.size = size;
            start = new int[outputs];
            end = new int[outputs];
            count = new int[outputs];
        }

        /** Pooling windows clipped to the input; the divisor counts the padding when countIncludePad. */
        static Axis windows(PoolSpec spec, int axis, int size, int outputs) {
            Axis a = new Axis(size, outputs);
            for (int i = 0; i < outputs; i++) {
                int first = i * spec.stride(axis) - spec.padding(axis);
                int last = Math.min(first + spec.kernel(axis), size + spec.padding(axis));
                a.start[i] = Math.max(first, 0);
                a.end[i] = Math.min(last, size);
                a.count[i] = spec.countIncludePad() ? last - first : a.end[i] - a.start[i];
            }
            return a;
        }

        /** Adaptive bins ({@link AdaptivePoolKernels#binStart}); the divisor is the bin's size. */
        static Axis bins(int size, int outputs) {
            Axis a = new Axis(size, outputs);
            for (int i = 0; i < outputs; i++) {
                a.start[i] = AdaptivePoolKernels.binStart(i, size, outputs);
                a.end[i] = AdaptivePoolKernels.binEnd(i, size, outputs);
                a.count[i] = a.end[i] - a.start[i];
            }
            return a;
        }

        int outputs() {
            return start.length;
        }
    }

    /** Visits (plane offset, output index, row, column, 1/divisor) of every window position. */
    private interface WindowVisitor {
        void visit(int planeOffset, int outIndex, int r, int c, double scale);
    }

    /**
     * The average over each window (src x, result y) or its adjoint (src gy, result gx: each
     * gradient spread over its window / divisor): the same sweep, the sum running the other way.
     */
    private static INDArray run(INDArray a, Axis rows, Axis cols, int divisorOverride, boolean adjoint) {
        int planes = (int) (a.size(0) * a.size(1));
        int h = rows.size;
        int w = cols.size;
        int oh = rows.outputs();
        int ow = cols.outputs();
        double[] src = HostBuffer.doubles(a);
        double[] dst = new double[planes * (adjoint ? h * w : oh * ow)];
        forEachWindow(planes, rows, cols, divisorOverride, adjoint
                ? (p, o, r, c, scale) -> dst[p + r * w + c] += src[o] * scale
                : (p, o, r, c, scale) -> dst[o] += src[p + r * w + c] * scale);
        long[] shape = {a.size(0), a.size(1), adjoint ? h : oh, adjoint ? w : ow};
        return HostBuffer.array(dst, shape, a.dataType());
    }

    /** Visits every window position; the divisor is divisorOverride when positive, else the counts' product. */
    private static void forEachWindow(int planes, Axis rows, Axis cols, int divisorOverride, WindowVisitor v) {
        int plane = rows.size * cols.size;
        int oh = rows.outputs();
        int ow = cols.outputs();
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        int divisor = divisorOverride > 0 ? divisorOverride : rows.count[i] * cols.count[j];
                        double scale = 1.0 / divisor;
                        for (int r = rows.start[i]; r < rows.end[i]; r++) {
                            for (int c = cols.start[j]; c < cols.end[j]; c++) {
                                v.visit(p * plane, o, r, c, scale);
                            }
                        }
                    }
                }
            }
        });
    }
}
