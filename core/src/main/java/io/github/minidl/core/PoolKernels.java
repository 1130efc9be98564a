package io.github.minidl.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pooling kernels on NCHW arrays (float32 or float64; results in the input's dtype): max pooling
 * with argmax indices, the gather/scatter by those indices (each the other's adjoint), average
 * pooling and adaptive average pooling with their adjoints. Planes (n, c) are processed in
 * parallel; each loop runs over plain Java arrays.
 */
public final class PoolKernels {
    private PoolKernels() {
    }

    /** Window maxima and their positions; padding acts as -∞, NaN wins (as in PyTorch). */
    public static MaxPoolResult maxPool2d(INDArray x, PoolSpec spec) {
        requireRank4("input", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = spec.outputSize(h, w);
        int planes = (int) (x.size(0) * x.size(1));
        int inPlane = h * w;
        int outPlane = out[0] * out[1];
        double[] src = doubles(x);
        double[] y = new double[planes * outPlane];
        long[] idx = new long[planes * outPlane];
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int base = p * inPlane;
                int o = p * outPlane;
                for (int i = 0; i < out[0]; i++) {
                    for (int j = 0; j < out[1]; j++, o++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bestAt = -1;
                        for (int a = 0; a < spec.kernel(0); a++) {
                            int r = i * spec.stride(0) - spec.padding(0) + a * spec.dilation(0);
                            if (r < 0 || r >= h) {
                                continue;
                            }
                            for (int b = 0; b < spec.kernel(1); b++) {
                                int c = j * spec.stride(1) - spec.padding(1) + b * spec.dilation(1);
                                if (c < 0 || c >= w) {
                                    continue;
                                }
                                double v = src[base + r * w + c];
                                if (bestAt < 0 || v > best || Double.isNaN(v)) {
                                    best = v;
                                    bestAt = r * w + c;
                                    if (Double.isNaN(v)) {
                                        break;
                                    }
                                }
                            }
                        }
                        y[o] = best;
                        idx[o] = bestAt;
                    }
                }
            }
        });
        long[] shape = {x.size(0), x.size(1), out[0], out[1]};
        return new MaxPoolResult(array(y, shape, x.dataType()), Nd4j.createFromArray(idx).reshape('c', shape));
    }

    /**
     * {@code y[n, c, i] = x[n, c, indices[n, c, i]]}: picks plane positions (the max-pool
     * forward for fixed indices).
     */
    public static INDArray gatherPlanes(INDArray x, INDArray indices) {
        requireRank4("input", x);
        requireRank4("indices", indices);
        int inPlane = (int) (x.size(2) * x.size(3));
        int planes = (int) (x.size(0) * x.size(1));
        int outPlane = (int) (indices.size(2) * indices.size(3));
        requireIndices(indices, x.size(0), x.size(1), inPlane);
        double[] src = doubles(x);
        long[] idx = longs(indices);
        double[] y = new double[idx.length];
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    y[o] = src[p * inPlane + (int) idx[o]];
                }
            }
        });
        return array(y, indices.shape(), x.dataType());
    }

    /**
     * The adjoint of {@link #gatherPlanes}: {@code gx[n, c, indices[n, c, i]] += g[n, c, i]} into
     * zeros of [N, C, h, w] (the max-pool input gradient; overlapping windows accumulate).
     */
    public static INDArray scatterPlanes(INDArray g, INDArray indices, int h, int w) {
        requireRank4("gradient", g);
        int planes = (int) (g.size(0) * g.size(1));
        int inPlane = h * w;
        int outPlane = (int) (g.size(2) * g.size(3));
        if (!Arrays.equals(indices.shape(), g.shape())) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " must have the gradient's shape " + Arrays.toString(g.shape()));
        }
        requireIndices(indices, g.size(0), g.size(1), inPlane);
        double[] src = doubles(g);
        long[] idx = longs(indices);
        double[] gx = new double[planes * inPlane];
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    gx[p * inPlane + (int) idx[o]] += src[o];
                }
            }
        });
        return array(gx, new long[] {g.size(0), g.size(1), h, w}, g.dataType());
    }

    /**
     * Average pooling, PyTorch's divisor rule: the window clipped to the padded input when
     * {@code countIncludePad}, else to the input itself. Dilation must be 1.
     */
    public static INDArray avgPool2d(INDArray x, PoolSpec spec) {
        requireRank4("input", x);
        requireNoDilation(spec);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = spec.outputSize(h, w);
        double[] src = doubles(x);
        double[] y = new double[(int) (x.size(0) * x.size(1)) * out[0] * out[1]];
        avgLoop(spec, h, w, out, (int) (x.size(0) * x.size(1)), (p, o, r, c, scale) -> y[o] += src[p + r * w + c] * scale);
        return array(y, new long[] {x.size(0), x.size(1), out[0], out[1]}, x.dataType());
    }

    /** The adjoint of {@link #avgPool2d} for an (h, w) input: each gy spread over its window / divisor. */
    public static INDArray avgPool2dAdjoint(INDArray gy, PoolSpec spec, int h, int w) {
        requireRank4("gradient", gy);
        requireNoDilation(spec);
        int[] out = spec.outputSize(h, w);
        checkShape(gy, out);
        double[] g = doubles(gy);
        double[] gx = new double[(int) (gy.size(0) * gy.size(1)) * h * w];
        avgLoop(spec, h, w, out, (int) (gy.size(0) * gy.size(1)), (p, o, r, c, scale) -> gx[p + r * w + c] += g[o] * scale);
        return array(gx, new long[] {gy.size(0), gy.size(1), h, w}, gy.dataType());
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
                        int divisor = spec.countIncludePad() ? padded : (re - rs) * (ce - cs);
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

    /**
     * Adaptive average pooling to (oh, ow): bin i along H covers rows
     * [floor(i·H/oh), ceil((i+1)·H/oh)); bins may overlap.
     */
    public static INDArray adaptiveAvgPool2d(INDArray x, int oh, int ow) {
        requireRank4("input", x);
        requireOutput(oh, ow);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        double[] src = doubles(x);
        double[] y = new double[(int) (x.size(0) * x.size(1)) * oh * ow];
        adaptiveLoop(h, w, oh, ow, (int) (x.size(0) * x.size(1)), (p, o, r, c, scale) -> y[o] += src[p + r * w + c] * scale);
        return array(y, new long[] {x.size(0), x.size(1), oh, ow}, x.dataType());
    }

    /** The adjoint of {@link #adaptiveAvgPool2d} for an (h, w) input. */
    public static INDArray adaptiveAvgPool2dAdjoint(INDArray gy, int h, int w) {
        requireRank4("gradient", gy);
        int oh = (int) gy.size(2);
        int ow = (int) gy.size(3);
        double[] g = doubles(gy);
        double[] gx = new double[(int) (gy.size(0) * gy.size(1)) * h * w];
        adaptiveLoop(h, w, oh, ow, (int) (gy.size(0) * gy.size(1)), (p, o, r, c, scale) -> gx[p + r * w + c] += g[o] * scale);
        return array(gx, new long[] {gy.size(0), gy.size(1), h, w}, gy.dataType());
    }

    private static void adaptiveLoop(int h, int w, int oh, int ow, int planes, WindowVisitor v) {
        Threads.forRange(planes, (worker, from, to) -> {
            for (int p = from; p < to; p++) {
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = (int) Math.floorDiv((long) i * h, oh);
                    int r1 = (int) -Math.floorDiv(-(long) (i + 1) * h, oh);
                    for (int j = 0; j < ow; j++, o++) {
                        int c0 = (int) Math.floorDiv((long) j * w, ow);
                        int c1 = (int) -Math.floorDiv(-(long) (j + 1) * w, ow);
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

    private static void requireRank4(String name, INDArray a) {
        if (a == null || a.rank() != 4) {
            throw new IllegalArgumentException(name + " must be 4-D [N, C, H, W]; got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        if (!a.dataType().isFPType() && !name.equals("indices")) {
            throw new IllegalArgumentException(name + " has dtype " + a.dataType() + "; pooling needs FLOAT or DOUBLE");
        }
    }

    private static void requireIndices(INDArray indices, long n, long c, int inPlane) {
        if (indices.size(0) != n || indices.size(1) != c) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " do not match the batch and channels [" + n + ", " + c + "]");
        }
        if (indices.length() > 0) {
            long lo = indices.minNumber().longValue();
            long hi = indices.maxNumber().longValue();
            if (lo < 0 || hi >= inPlane) {
                throw new IllegalArgumentException("indices range over [" + lo + ", " + hi
                        + "] but a plane has " + inPlane + " positions");
            }
        }
    }

    private static void requireNoDilation(PoolSpec spec) {
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            throw new IllegalArgumentException("average pooling has no dilation; got dilation="
                    + Arrays.toString(spec.dilation()));
        }
    }

    private static void requireOutput(int oh, int ow) {
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("outputSize=[" + oh + ", " + ow + "] must be positive on each axis");
        }
    }

    private static void checkShape(INDArray gy, int[] out) {
        if (gy.size(2) != out[0] || gy.size(3) != out[1]) {
            throw new IllegalArgumentException("gradient has shape " + Arrays.toString(gy.shape())
                    + "; the pooling output is " + Arrays.toString(out));
        }
    }

    private static INDArray plain(INDArray a) {
        boolean packed = a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == 0
                && a.data().length() == a.length();
        return packed ? a : a.dup('c');
    }

    private static double[] doubles(INDArray a) {
        return plain(a).data().asDouble();
    }

    private static long[] longs(INDArray a) {
        return plain(a).data().asLong();
    }

    private static INDArray array(double[] values, long[] shape, DataType type) {
        INDArray a = Nd4j.createFromArray(values).reshape('c', shape);
        return type == DataType.DOUBLE ? a : a.castTo(type);
    }
}
