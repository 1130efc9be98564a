package io.github.minidl.core.pooling;

import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.Threads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adaptive pooling's bins and adaptive max pooling. Bin i of n along an axis of size s covers
 * [floor(i·s/n), ceil((i+1)·s/n)), PyTorch's rule: bins may overlap and differ in size, and
 * when n &gt; s several bins read the same position. The backward of adaptive max pooling is
 * {@link PoolKernels#scatterPlanes} by the returned indices.
 */
public final class AdaptivePoolKernels {
    private AdaptivePoolKernels() {
    }

    /** First position of bin i of n over an axis of size s. */
    static int binStart(int i, int s, int n) {
        return (int) Math.floorDiv((long) i * s, n);
    }

    /** One past the last position of bin i of n over an axis of size s. */
    static int binEnd(int i, int s, int n) {
        return (int) -Math.floorDiv(-(long) (i + 1) * s, n);
    }

    /**
     * Maximum of each bin and its position {@code h·W + w} in the plane, PyTorch's scan: rows then
     * columns, a later value wins when greater or NaN (so the last NaN of a bin wins), ties keep
     * the first.
     *
     * @param x [N, C, H, W], float32 or float64
     * @return values [N, C, oh, ow] in x's dtype and LONG indices of the same shape
     */
    public static MaxPoolArrays adaptiveMaxPool2d(INDArray x, int oh, int ow) {
        PoolKernels.requireRank4("input", x);
        PoolKernels.requireOutput(oh, ow);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int planes = (int) (x.size(0) * x.size(1));
        double[] src = HostBuffer.doubles(x);
        double[] y = new double[planes * oh * ow];
        long[] idx = new long[y.length];
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int base = p * h * w;
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = binStart(i, h, oh);
                    int r1 = binEnd(i, h, oh);
                    for (int j = 0; j < ow; j++, o++) {
                        int c0 = binStart(j, w, ow);
                        int c1 = binEnd(j, w, ow);
                        int best = r0 * w + c0;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int r = r0; r < r1; r++) {
                            for (int c = c0; c < c1; c++) {
                                double v = src[base + r * w + c];
                                if (v > max || v != v) {
                                    max = v;
                                    best = r * w + c;
                                }
                            }
                        }
                        y[o] = max;
                        idx[o] = best;
                    }
                }
            }
        });
        long[] shape = {x.size(0), x.size(1), oh, ow};
        return new MaxPoolArrays(HostBuffer.array(y, shape, x.dataType()),
                Nd4j.createFromArray(idx).reshape('c', shape).castTo(DataType.LONG));
    }
}
