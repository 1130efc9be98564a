package io.github.minidl.core;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
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

    /**
     * Window maxima and their positions; padding acts as -∞, the first tap wins ties, and a NaN
     * wins over numbers while a later NaN replaces an earlier one (PyTorch's
     * {@code val > max || isnan(val)}, so the last NaN in scan order is the argmax).
     */
    public static MaxPoolResult maxPool2d(INDArray x, PoolSpec spec) {
        requireRank4("input", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = spec.outputSize(h, w);
        long[] shape = {x.size(0), x.size(1), out[0], out[1]};
        INDArray y = Nd4j.createUninitialized(x.dataType(), shape);
        INDArray idx = Nd4j.createUninitialized(DataType.LONG, shape);
        View src = new View(plain(x));
        View values = new View(y);
        View positions = new View(idx);
        Window rows = new Window(h, out[0], spec.kernel(0), spec.stride(0), spec.padding(0), spec.dilation(0));
        Window cols = new Window(w, out[1], spec.kernel(1), spec.stride(1), spec.padding(1), spec.dilation(1));
        int inPlane = h * w;
        int outPlane = out[0] * out[1];
        // The 2×2, stride-2 pooling of most CNNs gets a loop without window bookkeeping.
        boolean pairs = isPairPooling(spec, h, w);
        Threads.forRange((int) (x.size(0) * x.size(1)), (worker, from, to) -> {
            PlaneIO io = new PlaneIO(inPlane, outPlane);
            for (int p = from; p < to; p++) {
                io.read(src, (long) p * inPlane, io.in, inPlane);
                if (pairs) {
                    maxPlane2x2(io.in, w, out[0], out[1], io.out, io.index);
                } else {
                    maxPlane(io.in, w, rows, cols, io.out, io.index);
                }
                io.write(values, (long) p * outPlane, io.out, outPlane);
                io.writeIndices(positions, (long) p * outPlane, outPlane);
            }
        });
        return new MaxPoolResult(y, idx);
    }

    /**
     * Whether {@code spec} pools an (h, w) input in 2×2 blocks at stride 2, every window inside
     * the input (no padding, no dilation, no partial window in ceil mode): the pooling of most
     * CNNs, which {@link #maxPool2x2} and {@link #maxPool2x2Backward} do without indices.
     */
    public static boolean isPairPooling(PoolSpec spec, int h, int w) {
        for (int axis = 0; axis < 2; axis++) {
            if (spec.kernel(axis) != 2 || spec.stride(axis) != 2 || spec.padding(axis) != 0
                    || spec.dilation(axis) != 1) {
                return false;
            }
        }
        if (h < 2 || w < 2) {
            return false;
        }
        int[] out = spec.outputSize(h, w);
        return out[0] == h / 2 && out[1] == w / 2;
    }

    /** The pooling {@link #isPairPooling} describes, for the indexed kernel. */
    private static final PoolSpec PAIRS = PoolSpec.builder(2).build();

    /**
     * The values of {@link #maxPool2d} for pair pooling (see {@link #isPairPooling}), without
     * the indices: writing and reading back an index per output costs more than finding the
     * winner again in the backward pass. float64 (gradient checks) takes the indexed kernel,
     * which the float32 loops reproduce bit for bit.
     */
    public static INDArray maxPool2x2(INDArray x) {
        requireRank4("input", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        requirePairPlanes(h, w);
        if (x.dataType() == DataType.DOUBLE) {
            MaxPoolResult r = maxPool2d(x, PAIRS);
            r.indices().close();
            return r.values();
        }
        INDArray src = plain(x);
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), x.size(1), h / 2, w / 2);
        int inPlane = h * w;
        int outPlane = (h / 2) * (w / 2);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane, new int[] {inPlane, outPlane},
                (from, count, buffers) -> {
                    buffers[0].load(src, (long) from * inPlane, count * inPlane);
                    maxPlanes2x2(floats(buffers[0]), floats(buffers[1]), count, h, w);
                    buffers[1].store(y, (long) from * outPlane, count * outPlane);
                });
        return y;
    }

    /**
     * The first-order gradient of {@link #maxPool2x2} for input x, its output y and the output
     * gradient gy: each gy goes to the first tap of its window equal to y (the last NaN when y
     * is NaN), which is the tap {@link #maxPool2d}'s indices name; every other element is 0.
     */
    public static INDArray maxPool2x2Backward(INDArray x, INDArray y, INDArray gy) {
        requireRank4("input", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        requirePairPlanes(h, w);
        long[] outShape = {x.size(0), x.size(1), h / 2, w / 2};
        for (INDArray a : new INDArray[] {y, gy}) {
            if (a == null || !Arrays.equals(a.shape(), outShape) || a.dataType() != x.dataType()) {
                throw new IllegalArgumentException("the output and its gradient must be " + x.dataType() + " "
                        + Arrays.toString(outShape) + " for input " + Arrays.toString(x.shape()) + "; got "
                        + (a == null ? "null" : a.dataType() + " " + Arrays.toString(a.shape())));
            }
        }
        if (x.dataType() == DataType.DOUBLE) {
            MaxPoolResult r = maxPool2d(x, PAIRS);
            r.values().close();
            INDArray gx = scatterPlanes(gy, r.indices(), h, w);
            r.indices().close();
            return gx;
        }
        INDArray xs = plain(x);
        INDArray ys = plain(y);
        INDArray gys = plain(gy);
        INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
        int inPlane = h * w;
        int outPlane = (h / 2) * (w / 2);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane,
                new int[] {inPlane, outPlane, outPlane, inPlane}, (from, count, buffers) -> {
                    buffers[0].load(xs, (long) from * inPlane, count * inPlane);
                    buffers[1].load(ys, (long) from * outPlane, count * outPlane);
                    buffers[2].load(gys, (long) from * outPlane, count * outPlane);
                    maxPlanes2x2Backward(floats(buffers[0]), floats(buffers[1]), floats(buffers[2]),
                            floats(buffers[3]), count, h, w);
                    buffers[3].store(gx, (long) from * inPlane, count * inPlane);
                });
        return gx;
    }

    private static float[] floats(HostBuffer b) {
        return ((FloatHostBuffer) b).data;
    }

    /** 2×2, stride-2 max pooling of {@code planes} consecutive (h, w) planes of x into y. */
    private static void maxPlanes2x2(float[] x, float[] y, int planes, int h, int w) {
        int outH = h / 2;
        int outW = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outH; i++) {
                int top = p * h * w + 2 * i * w;
                for (int j = 0; j < outW; j++, o++) {
                    int a = top + 2 * j;
                    int b = a + w;
                    // Math.max has no branches to mispredict on random data, but it prefers +0
                    // to -0 and need not return the last NaN; only then is the tap order needed.
                    float m = Math.max(Math.max(x[a], x[a + 1]), Math.max(x[b], x[b + 1]));
                    if (m == 0 || m != m) {
                        m = x[winner(x, a, b)];
                    }
                    y[o] = m;
                }
            }
        }
    }

    /**
     * The backward of {@link #maxPlanes2x2} into gx: each g goes to the first tap of its window
     * equal to the window's output y (the last NaN when y is NaN); every other element is +0.
     */
    private static void maxPlanes2x2Backward(float[] x, float[] y, float[] g, float[] gx, int planes, int h, int w) {
        int outH = h / 2;
        int outW = w / 2;
        if (h % 2 != 0 || w % 2 != 0) {
            Arrays.fill(gx, 0, planes * h * w, 0f);
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outH; i++) {
                int top = p * h * w + 2 * i * w;
                for (int j = 0; j < outW; j++, o++) {
                    int a = top + 2 * j;
                    int b = a + w;
                    float m = y[o];
                    int first;
                    int second;
                    int third;
                    int fourth;
                    if (m != m) {
                        int win = winner(x, a, b);
                        first = win == a ? -1 : 0;
                        second = win == a + 1 ? -1 : 0;
                        third = win == b ? -1 : 0;
                        fourth = win == b + 1 ? -1 : 0;
                    } else {
                        // Masks pick the first tap equal to the maximum without branches: all
                        // ones for the winner, zero for the others.
                        first = -(x[a] == m ? 1 : 0);
                        second = -(x[a + 1] == m ? 1 : 0) & ~first;
                        third = -(x[b] == m ? 1 : 0) & ~(first | second);
                        fourth = ~(first | second | third);
                    }
                    int bits = Float.floatToRawIntBits(g[o]);
                    // 0 + g, as in a scatter into zeros: a -0 gradient arrives as +0.
                    gx[a] = 0f + Float.intBitsToFloat(bits & first);
                    gx[a + 1] = 0f + Float.intBitsToFloat(bits & second);
                    gx[b] = 0f + Float.intBitsToFloat(bits & third);
                    gx[b + 1] = 0f + Float.intBitsToFloat(bits & fourth);
                }
            }
        }
    }

    /** The winning tap of the window with top-left a and bottom-left b, scanned in PyTorch's order. */
    private static int winner(float[] x, int a, int b) {
        return laterTapWins(x, laterTapWins(x, laterTapWins(x, a, a + 1), b), b + 1);
    }

    private static void requirePairPlanes(int h, int w) {
        if (h < 2 || w < 2) {
            throw new IllegalArgumentException("2x2 pooling needs planes of at least 2x2; got " + h + "x" + w);
        }
    }

    /** Max pooling of one plane {@code in} (row length w) into {@code out} and {@code index}. */
    private static void maxPlane(double[] in, int w, Window rows, Window cols, double[] out, long[] index) {
        int outW = cols.first.length;
        int o = 0;
        for (int i = 0; i < rows.first.length; i++) {
            int rowFrom = rows.first[i];
            int rowTo = rows.last[i];
            for (int j = 0; j < outW; j++, o++) {
                int colFrom = cols.position(j, cols.first[j]);
                int colTo = cols.position(j, cols.last[j] - 1);
                double best = Double.NEGATIVE_INFINITY;
                // The first tap wins ties (and an all -∞ window), as in PyTorch.
                int bestAt = rowFrom < rowTo && colFrom <= colTo ? rows.position(i, rowFrom) * w + colFrom : -1;
                for (int a = rowFrom; a < rowTo; a++) {
                    int r = rows.position(i, a) * w;
                    for (int c = colFrom; c <= colTo; c += cols.dilation) {
                        double v = in[r + c];
                        // PyTorch's test: every NaN replaces the best, so the last NaN wins.
                        if (v > best || v != v) {
                            best = v;
                            bestAt = r + c;
                        }
                    }
                }
                out[o] = best;
                index[o] = bestAt;
            }
        }
    }

    /**
     * {@link #maxPlane} for 2×2 windows at stride 2 that all lie inside the plane: the same
     * order of taps, ties and NaN rule, without the window bookkeeping.
     */
    private static void maxPlane2x2(double[] in, int w, int outH, int outW, double[] out, long[] index) {
        int o = 0;
        for (int i = 0; i < outH; i++) {
            int top = 2 * i * w;
            int bottom = top + w;
            for (int j = 0; j < outW; j++, o++) {
                int at = top + 2 * j;
                at = laterTapWins(in, at, at + 1);
                at = laterTapWins(in, at, bottom + 2 * j);
                at = laterTapWins(in, at, bottom + 2 * j + 1);
                out[o] = in[at];
                index[o] = at;
            }
        }
    }

    /**
     * The position of the window maximum after scanning tap t, given the best so far at {@code at}:
     * a later tap replaces the best if NaN or strictly greater (nothing is greater than NaN), as
     * PyTorch's {@code val > max || isnan(val)}.
     */
    private static int laterTapWins(double[] in, int at, int t) {
        double v = in[t];
        return v != v || v > in[at] ? t : at;
    }

    /** {@link #laterTapWins(double[], int, int)} on float32 values. */
    private static int laterTapWins(float[] in, int at, int t) {
        float v = in[t];
        return v != v || v > in[at] ? t : at;
    }

    /**
     * The taps of a pooling window along one axis that fall inside the input: for output i, taps
     * [first[i], last[i]) read input positions i·stride − padding + tap·dilation.
     */
    private static final class Window {
        final int[] first;
        final int[] last;
        final int stride;
        final int padding;
        final int dilation;

        Window(int size, int outputs, int kernel, int stride, int padding, int dilation) {
            this.stride = stride;
            this.padding = padding;
            this.dilation = dilation;
            first = new int[outputs];
            last = new int[outputs];
            for (int i = 0; i < outputs; i++) {
                // Taps t with 0 <= i·stride - padding + t·dilation < size, in long: t·dilation may pass an int.
                long start = (long) i * stride - padding;
                long a = Math.min(kernel, Math.max(0, -Math.floorDiv(start, dilation)));
                long b = Math.min(kernel, Math.max(a, -Math.floorDiv(start - size, dilation)));
                first[i] = (int) a;
                last[i] = (int) b;
            }
        }

        int position(int i, int tap) {
            return i * stride - padding + tap * dilation;
        }
    }

    /**
     * An array's off-heap buffer seen through one NIO view, made once per kernel call (making a
     * view is a JNI call) and used with absolute bulk gets and puts only, so workers can share it.
     */
    private static final class View {
        final FloatBuffer floats;
        final DoubleBuffer doubles;
        final LongBuffer longs;
        final int base;

        View(INDArray a) {
            DataType t = a.dataType();
            floats = t == DataType.FLOAT ? a.data().asNioFloat() : null;
            doubles = t == DataType.DOUBLE ? a.data().asNioDouble() : null;
            longs = t == DataType.LONG ? a.data().asNioLong() : null;
            base = Math.toIntExact(a.offset());
        }
    }

    /**
     * One worker's plane buffers in float64 and the bulk moves between them and an array of
     * either float type (one NIO call per plane: element-wise DataBuffer access costs tens of
     * nanoseconds per element). Max pooling and index moves are exact in float64.
     */
    private static final class PlaneIO {
        final double[] in;
        final double[] out;
        final long[] index;
        private final float[] floats;

        PlaneIO(int inLength, int outLength) {
            in = new double[inLength];
            out = new double[outLength];
            index = new long[outLength];
            floats = new float[Math.max(inLength, outLength)];
        }

        void read(View a, long from, double[] dst, int len) {
            int at = Math.toIntExact(a.base + from);
            if (a.doubles != null) {
                a.doubles.get(at, dst, 0, len);
                return;
            }
            a.floats.get(at, floats, 0, len);
            for (int i = 0; i < len; i++) {
                dst[i] = floats[i];
            }
        }

        void write(View a, long to, double[] src, int len) {
            int at = Math.toIntExact(a.base + to);
            if (a.doubles != null) {
                a.doubles.put(at, src, 0, len);
                return;
            }
            for (int i = 0; i < len; i++) {
                floats[i] = (float) src[i];
            }
            a.floats.put(at, floats, 0, len);
        }

        void readIndices(View a, long from, int len) {
            a.longs.get(Math.toIntExact(a.base + from), index, 0, len);
        }

        void writeIndices(View a, long to, int len) {
            a.longs.put(Math.toIntExact(a.base + to), index, 0, len);
        }
    }

    /**
     * {@code y[n, c, i] = x[n, c, indices[n, c, i]]}: picks plane positions (the max-pool
     * forward for fixed indices).
     */
    public static INDArray gatherPlanes(INDArray x, INDArray indices) {
        requireRank4("input", x);
        requireRank4("indices", indices);
        int inPlane = (int) (x.size(2) * x.size(3));
        int outPlane = (int) (indices.size(2) * indices.size(3));
        requireIndexShape(indices, x.size(0), x.size(1));
        INDArray y = Nd4j.createUninitialized(x.dataType(), indices.shape());
        View src = new View(plain(x));
        View idx = new View(plainLongs(indices));
        View values = new View(y);
        Threads.forRange((int) (x.size(0) * x.size(1)), (worker, from, to) -> {
            PlaneIO io = new PlaneIO(inPlane, outPlane);
            for (int p = from; p < to; p++) {
                io.read(src, (long) p * inPlane, io.in, inPlane);
                io.readIndices(idx, (long) p * outPlane, outPlane);
                for (int o = 0; o < outPlane; o++) {
                    io.out[o] = io.in[checkedIndex(io.index[o], inPlane)];
                }
                io.write(values, (long) p * outPlane, io.out, outPlane);
            }
        });
        return y;
    }

    /**
     * The adjoint of {@link #gatherPlanes}: {@code gx[n, c, indices[n, c, i]] += g[n, c, i]} into
     * zeros of [N, C, h, w] (the max-pool input gradient; overlapping windows accumulate).
     */
    public static INDArray scatterPlanes(INDArray g, INDArray indices, int h, int w) {
        return scatter(g, indices, h, w, true);
    }

    /**
     * Max unpooling, PyTorch's {@code max_unpool2d}: {@code y[n, c, indices[n, c, i]] = x[n, c, i]}
     * into zeros of [N, C, h, w]. A position named twice keeps the later value (PyTorch's CPU
     * loop); indices from max pooling name the same input value then, so nothing is summed.
     */
    public static INDArray unpoolPlanes(INDArray x, INDArray indices, int h, int w) {
        return scatter(x, indices, h, w, false);
    }

    private static INDArray scatter(INDArray g, INDArray indices, int h, int w, boolean accumulate) {
        requireRank4("gradient", g);
        int inPlane = h * w;
        int outPlane = (int) (g.size(2) * g.size(3));
        if (!Arrays.equals(indices.shape(), g.shape())) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " must have the " + (accumulate ? "gradient" : "input") + "'s shape " + Arrays.toString(g.shape()));
        }
        INDArray gx = Nd4j.createUninitialized(g.dataType(), g.size(0), g.size(1), h, w);
        View src = new View(plain(g));
        View idx = new View(plainLongs(indices));
        View grad = new View(gx);
        Threads.forRange((int) (g.size(0) * g.size(1)), (worker, from, to) -> {
            PlaneIO io = new PlaneIO(inPlane, outPlane);
            for (int p = from; p < to; p++) {
                io.read(src, (long) p * outPlane, io.out, outPlane);
                io.readIndices(idx, (long) p * outPlane, outPlane);
                Arrays.fill(io.in, 0);
                for (int o = 0; o < outPlane; o++) {
                    int at = checkedIndex(io.index[o], inPlane);
                    io.in[at] = accumulate ? io.in[at] + io.out[o] : io.out[o];
                }
                io.write(grad, (long) p * inPlane, io.in, inPlane);
            }
        });
        return gx;
    }

    private static int checkedIndex(long index, int inPlane) {
        if (index < 0 || index >= inPlane) {
            throw new IllegalArgumentException("indices contain " + index + " but a plane has "
                    + inPlane + " positions");
        }
        return (int) index;
    }

    /**
     * Average pooling, PyTorch's divisor rule: the spec's divisorOverride when set, else the window
     * clipped to the padded input when {@code countIncludePad}, else to the input itself.
     * Dilation must be 1.
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

    static void requireRank4(String name, INDArray a) {
        if (a == null || a.rank() != 4) {
            throw new IllegalArgumentException(name + " must be 4-D [N, C, H, W]; got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        if (!a.dataType().isFPType() && !name.equals("indices")) {
            throw new IllegalArgumentException(name + " has dtype " + a.dataType() + "; pooling needs FLOAT or DOUBLE");
        }
    }

    private static void requireIndexShape(INDArray indices, long n, long c) {
        if (indices.size(0) != n || indices.size(1) != c) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " do not match the batch and channels [" + n + ", " + c + "]");
        }
    }

    private static void requireNoDilation(PoolSpec spec) {
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            throw new IllegalArgumentException("average pooling has no dilation; got dilation="
                    + Arrays.toString(spec.dilation()));
        }
    }

    static void requireOutput(int oh, int ow) {
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
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /*
     * The loops run on Java arrays in float64 (exact for max pooling and index moves, and at
     * least as accurate as float32 for averages). Values move in bulk through NIO views of the
     * off-heap buffers: element-wise DataBuffer access costs tens of nanoseconds per element.
     */
    static double[] doubles(INDArray a) {
        INDArray p = plain(a);
        int n = Math.toIntExact(p.length());
        int at = Math.toIntExact(p.offset());
        double[] out = new double[n];
        if (p.dataType() == DataType.DOUBLE) {
            p.data().asNioDouble().get(at, out, 0, n);
        } else {
            float[] f = new float[n];
            p.data().asNioFloat().get(at, f, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    private static INDArray plainLongs(INDArray a) {
        INDArray p = plain(a);
        return p.dataType() == DataType.LONG ? p : p.castTo(DataType.LONG);
    }

    static INDArray array(double[] values, long[] shape, DataType type) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        if (type == DataType.DOUBLE) {
            a.data().asNioDouble().put(0, values, 0, values.length);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            a.data().asNioFloat().put(0, f, 0, f.length);
        }
        return a;
    }
}
