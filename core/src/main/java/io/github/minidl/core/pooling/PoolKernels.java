package io.github.minidl.core.pooling;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.NativeMemory;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling kernels on NCHW arrays (float32 or float64; results in the input's dtype): max pooling
 * with argmax indices, the gather/scatter by those indices (each the other's adjoint), average
 * pooling and adaptive average pooling with their adjoints. This class checks the arguments and
 * hands them to the loops: {@link MaxPoolPlanes} (indexed max pooling), the float32 engine's
 * 2×2 stride-2 fast path ({@link PairMaxPool} on the own engine), {@link PlaneScatter} (moves by index) and {@link AvgPoolPlanes};
 * all read and write arrays through {@link HostBuffer}. Planes (n, c) are processed in parallel.
 */
public final class PoolKernels {
    /** The pooling {@link #isPairPooling} describes, for the indexed kernel. */
    private static final PoolSpec PAIRS = PoolSpec.builder(2).build();

    private PoolKernels() {
    }

    /**
     * Window maxima and their positions; padding acts as -∞, the first tap wins ties, and a NaN
     * wins over numbers while a later NaN replaces an earlier one (PyTorch's
     * {@code val > max || isnan(val)}, so the last NaN in scan order is the argmax).
     */
    public static MaxPoolArrays maxPool2d(INDArray x, PoolSpec spec) {
        requireRank4("input", x);
        return MaxPoolPlanes.maxPool2d(x, spec);
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

    /**
     * The values of {@link #maxPool2d} for pair pooling (see {@link #isPairPooling}), without
     * the indices, plus what the float32 engine's backward needs. float64 (gradient checks) takes
     * the indexed kernel, which the float32 engines reproduce bit for bit.
     */
    public static PairMaxPoolArrays maxPool2x2(INDArray x) {
        requireRank4("input", x);
        requirePairPlanes((int) x.size(2), (int) x.size(3));
        if (x.dataType() == DataType.DOUBLE) {
            MaxPoolArrays r = MaxPoolPlanes.maxPool2d(x, PAIRS);
            NativeMemory.free(r.indices());
            return new PairMaxPoolArrays(r.values(), null);
        }
        INDArray plain = HostBuffer.contiguous(x);
        PairMaxPoolArrays pooled = ConvKernels.engineFor(x).maxPool2x2(plain);
        NativeMemory.freeUnlessShared(plain, x);
        return pooled;
    }

    /**
     * The first-order gradient of {@link #maxPool2x2} for input x, its output y, the workspace
     * that call returned and the output gradient gy: each gy goes to the first tap of its window
     * equal to y (the last NaN when y is NaN), which is the tap {@link #maxPool2d}'s indices
     * name; every other element is 0.
     */
    public static INDArray maxPool2x2Backward(INDArray x, INDArray y, INDArray workspace, INDArray gy) {
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
            MaxPoolArrays r = MaxPoolPlanes.maxPool2d(x, PAIRS);
            NativeMemory.free(r.values());
            INDArray gx = scatterPlanes(gy, r.indices(), h, w);
            NativeMemory.free(r.indices());
            return gx;
        }
        INDArray[] plain = {HostBuffer.contiguous(x), HostBuffer.contiguous(y), HostBuffer.contiguous(gy)};
        INDArray gx = ConvKernels.engineFor(x).maxPool2x2Backward(plain[0], plain[1], workspace, plain[2]);
        NativeMemory.freeUnlessShared(plain[0], x);
        NativeMemory.freeUnlessShared(plain[1], y);
        NativeMemory.freeUnlessShared(plain[2], gy);
        return gx;
    }

    /**
     * {@code y[n, c, i] = x[n, c, indices[n, c, i]]}: picks plane positions (the max-pool
     * forward for fixed indices).
     */
    public static INDArray gatherPlanes(INDArray x, INDArray indices) {
        requireRank4("input", x);
        requireRank4("indices", indices);
        if (indices.size(0) != x.size(0) || indices.size(1) != x.size(1)) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " do not match the batch and channels [" + x.size(0) + ", " + x.size(1) + "]");
        }
        return PlaneScatter.gather(x, indices);
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
        if (!Arrays.equals(indices.shape(), g.shape())) {
            throw new IllegalArgumentException("indices " + Arrays.toString(indices.shape())
                    + " must have the " + (accumulate ? "gradient" : "input") + "'s shape " + Arrays.toString(g.shape()));
        }
        return PlaneScatter.scatter(g, indices, h, w, accumulate);
    }

    /**
     * Average pooling, PyTorch's divisor rule: the spec's divisorOverride when set, else the window
     * clipped to the padded input when {@code countIncludePad}, else to the input itself.
     * Dilation must be 1.
     */
    public static INDArray avgPool2d(INDArray x, PoolSpec spec) {
        requireRank4("input", x);
        requireNoDilation(spec);
        return AvgPoolPlanes.avgPool2d(x, spec);
    }

    /** The adjoint of {@link #avgPool2d} for an (h, w) input: each gy spread over its window / divisor. */
    public static INDArray avgPool2dAdjoint(INDArray gy, PoolSpec spec, int h, int w) {
        requireRank4("gradient", gy);
        requireNoDilation(spec);
        int[] out = spec.outputSize(h, w);
        if (gy.size(2) != out[0] || gy.size(3) != out[1]) {
            throw new IllegalArgumentException("gradient has shape " + Arrays.toString(gy.shape())
                    + "; the pooling output is " + Arrays.toString(out));
        }
        return AvgPoolPlanes.avgPool2dAdjoint(gy, spec, h, w);
    }

    /**
     * Adaptive average pooling to (oh, ow): bin i along H covers rows
     * [floor(i·H/oh), ceil((i+1)·H/oh)); bins may overlap.
     */
    public static INDArray adaptiveAvgPool2d(INDArray x, int oh, int ow) {
        requireRank4("input", x);
        requireOutput(oh, ow);
        return AvgPoolPlanes.adaptiveAvgPool2d(x, oh, ow);
    }

    /** The adjoint of {@link #adaptiveAvgPool2d} for an (h, w) input. */
    public static INDArray adaptiveAvgPool2dAdjoint(INDArray gy, int h, int w) {
        requireRank4("gradient", gy);
        return AvgPoolPlanes.adaptiveAvgPool2dAdjoint(gy, h, w);
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

    static void requireOutput(int oh, int ow) {
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("outputSize=[" + oh + ", " + ow + "] must be positive on each axis");
        }
    }

    private static void requirePairPlanes(int h, int w) {
        if (h < 2 || w < 2) {
            throw new IllegalArgumentException("2x2 pooling needs planes of at least 2x2; got " + h + "x" + w);
        }
    }

    private static void requireNoDilation(PoolSpec spec) {
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            throw new IllegalArgumentException("average pooling has no dilation; got dilation="
                    + Arrays.toString(spec.dilation()));
        }
    }

    /** A plane position read from an index array, checked against the plane's size. */
    static int checkedIndex(long index, int inPlane) {
        if (index < 0 || index >= inPlane) {
            throw new IllegalArgumentException("indices contain " + index + " but a plane has "
                    + inPlane + " positions");
        }
        return (int) index;
    }

    /** Indices as a c-contiguous LONG array. */
    static INDArray longs(INDArray indices) {
        INDArray p = HostBuffer.contiguous(indices);
        return p.dataType() == DataType.LONG ? p : p.castTo(DataType.LONG);
    }
}
