package io.github.minidl.core.pooling;

import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.Threads;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D resampling of NCHW arrays by separable taps, PyTorch's {@code upsample_nearest2d} and
 * {@code upsample_bilinear2d} on the CPU: each output row (column) reads one or two input rows
 * (columns) with weights, and the output is the weighted sum over both axes. The adjoint spreads
 * each output gradient back with the same weights, so it is the input gradient.
 */
public final class ResampleKernels {
    private ResampleKernels() {
    }

    /**
     * The taps of one axis: output o reads {@code first[o]}, with weight 1 when {@code second} is
     * null, else with weight {@code 1 - w1[o]} and {@code second[o]} with weight {@code w1[o]}.
     */
    public record Taps(int[] first, int[] second, double[] w1) {
        int size() {
            return first.length;
        }
    }

    /**
     * PyTorch's legacy nearest rule: identity when out = in, {@code o >> 1} when out = 2·in, else
     * {@code min(floor(o·scale), in - 1)} computed in float32 as PyTorch does, with
     * {@code scale = 1/scaleFactor} when a scale factor is passed on (NaN: none) and {@code in/out}
     * otherwise.
     */
    public static Taps nearest(int in, int out, double scaleFactor) {
        int[] first = new int[out];
        float scale = scaleFactor > 0 ? (float) (1.0 / scaleFactor) : (float) in / (float) out;
        for (int o = 0; o < out; o++) {
            if (out == in) {
                first[o] = o;
            } else if (out == 2 * in) {
                first[o] = o >> 1;
            } else {
                first[o] = (int) Math.min((long) Math.floor((float) o * scale), in - 1);
            }
        }
        return new Taps(first, null, null);
    }

    /**
     * PyTorch's linear rule: a copy when out = in; else source {@code s = o·(in - 1)/(out - 1)}
     * with aligned corners (0 when out = 1), or {@code max((o + 0.5)·scale - 0.5, 0)} with
     * {@code scale = 1/scaleFactor} (NaN: none, then {@code in/out}); it reads floor(s) and the
     * next position (clamped) with weights 1 - frac(s) and frac(s).
     */
    public static Taps linear(int in, int out, boolean alignCorners, double scaleFactor) {
        int[] first = new int[out];
        int[] second = new int[out];
        double[] w1 = new double[out];
        double ratio = alignCorners ? (out > 1 ? (double) (in - 1) / (out - 1) : 0)
                : scaleFactor > 0 ? 1.0 / scaleFactor : (double) in / out;
        for (int o = 0; o < out; o++) {
            if (out == in) {
                first[o] = o;
                second[o] = o;
                continue;
            }
            double s = alignCorners ? ratio * o : Math.max(ratio * (o + 0.5) - 0.5, 0);
            int i0 = (int) s;
            first[o] = i0;
            second[o] = i0 < in - 1 ? i0 + 1 : i0;
            w1[o] = Math.min(Math.max(s - i0, 0), 1);
        }
        return new Taps(first, second, w1);
    }

    /**
     * {@code y[n, c, i, j] = Σ wh·ww·x[n, c, rows(i), cols(j)]}.
     *
     * @param x [N, C, H, W] with H, W covering every tap
     * @return [N, C, rows.size(), cols.size()] in x's dtype
     */
    public static INDArray resample(INDArray x, Taps rows, Taps cols) {
        return run(x, rows, cols, (int) x.size(2), (int) x.size(3), false);
    }

    /** The adjoint of {@link #resample} for an (h, w) input: gy spread back with the same weights. */
    public static INDArray resampleAdjoint(INDArray gy, Taps rows, Taps cols, int h, int w) {
        return run(gy, rows, cols, h, w, true);
    }

    private static INDArray run(INDArray a, Taps rows, Taps cols, int h, int w, boolean adjoint) {
        PoolKernels.requireRank4(adjoint ? "gradient" : "input", a);
        int oh = rows.size();
        int ow = cols.size();
        int planes = (int) (a.size(0) * a.size(1));
        double[] src = HostBuffer.doubles(a);
        double[] dst = new double[planes * (adjoint ? h * w : oh * ow)];
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * h * w;
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        for (int ta = 0; ta < (rows.second() == null ? 1 : 2); ta++) {
                            int r = ta == 0 ? rows.first()[i] : rows.second()[i];
                            double wr = rows.second() == null ? 1 : ta == 0 ? 1 - rows.w1()[i] : rows.w1()[i];
                            for (int tb = 0; tb < (cols.second() == null ? 1 : 2); tb++) {
                                int c = tb == 0 ? cols.first()[j] : cols.second()[j];
                                double wc = cols.second() == null ? 1 : tb == 0 ? 1 - cols.w1()[j] : cols.w1()[j];
                                if (adjoint) {
                                    dst[in + r * w + c] += wr * wc * src[o];
                                } else {
                                    dst[o] += wr * wc * src[in + r * w + c];
                                }
                            }
                        }
                    }
                }
            }
        });
        long[] shape = {a.size(0), a.size(1), adjoint ? h : oh, adjoint ? w : ow};
        return HostBuffer.array(dst, shape, a.dataType());
    }
}
