package io.github.minidl.autograd;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.core.pooling.AdaptivePoolKernels;
import io.github.minidl.core.pooling.MaxPoolArrays;
import io.github.minidl.core.pooling.PairMaxPoolArrays;
import io.github.minidl.core.pooling.PoolKernels;
import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling ops on [N, C, H, W] or unbatched [C, H, W]. Max pooling routes the gradient to each
 * window's argmax, a scatter whose own gradient is the matching gather; average pooling is
 * linear and its backward is its adjoint. Max unpooling is the scatter by max pooling's indices.
 */
final class Pooling {
    private Pooling() {
    }

    /**
     * Max pooling values. The 2×2, stride-2 pooling of most CNNs writes no indices: its
     * first-order backward reads the engine's workspace, or finds each window's winner again from
     * the input and output.
     */
    static Tensor maxPool2d(Tensor x, PoolSpec spec) {
        Unbatched.require("maxPool2d", x);
        return Unbatched.apply(x, t -> {
            int h = (int) t.size(2);
            int w = (int) t.size(3);
            if (!PoolKernels.isPairPooling(spec, h, w)) {
                return indexed("maxPool2d", t, a -> PoolKernels.maxPool2d(a, spec)).values();
            }
            PairMaxPoolArrays pooled = PoolKernels.maxPool2x2(t.data());
            INDArray workspace = pooled.workspace();
            if (workspace != null) {
                MemoryScope.track(workspace);
            }
            return Node.record("maxPool2d", pooled.values(), (gy, y, needs) -> {
                if (!GradMode.isEnabled()) {
                    return new Tensor[] {Tensor.of(PoolKernels.maxPool2x2Backward(t.data(), y.data(), workspace,
                            gy.data()))};
                }
                // Differentiable backward (double backward): the scatter by indices, found again.
                MaxPoolArrays r = PoolKernels.maxPool2d(t.data(), spec);
                NativeMemory.free(r.values());
                MemoryScope.track(r.indices());
                return new Tensor[] {scatter(gy, r.indices(), h, w)};
            }, t);
        });
    }

    /** Max pooling with each window's argmax (flat position in its plane), kept for the backward. */
    static MaxPool2dResult maxPool2dWithIndices(Tensor x, PoolSpec spec) {
        Unbatched.require("maxPool2d", x);
        return withIndices("maxPool2d", x, a -> PoolKernels.maxPool2d(a, spec));
    }

    /** Adaptive max pooling to (outH, outW) with each bin's argmax, as PyTorch's return_indices=True. */
    static MaxPool2dResult adaptiveMaxPool2d(Tensor x, int outH, int outW) {
        Unbatched.require("adaptiveMaxPool2d", x);
        requireOutputSize("adaptiveMaxPool2d", outH, outW);
        return withIndices("adaptiveMaxPool2d", x, a -> AdaptivePoolKernels.adaptiveMaxPool2d(a, outH, outW));
    }

    private static MaxPool2dResult withIndices(String name, Tensor x, Function<INDArray, MaxPoolArrays> kernel) {
        if (!Unbatched.is(x)) {
            return indexed(name, x, kernel);
        }
        MaxPool2dResult r = indexed(name, Unbatched.batch(x), kernel);
        return new MaxPool2dResult(Unbatched.unbatch(r.values()), Unbatched.unbatch(r.indices()));
    }

    /** The values of a max-type pooling of x [N, C, H, W]; the gradient goes to the kernel's indices. */
    private static MaxPool2dResult indexed(String name, Tensor x, Function<INDArray, MaxPoolArrays> kernel) {
        MaxPoolArrays r = kernel.apply(x.data());
        INDArray idx = r.indices();
        MemoryScope.track(idx);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        Tensor y = Node.record(name, r.values(), (gy, out, needs) -> new Tensor[] {scatter(gy, idx, h, w)}, x);
        return new MaxPool2dResult(y, idx);
    }

    /** gx[n, c, idx] += g[n, c, i] into an (h, w) plane; its gradient gathers at the same indices. */
    private static Tensor scatter(Tensor g, INDArray idx, int h, int w) {
        return LinearOps.apply("maxPool2dBackward", g, a -> PoolKernels.scatterPlanes(a, idx, h, w),
                "gatherAtIndices", a -> PoolKernels.gatherPlanes(a, idx));
    }

    /**
     * Max unpooling: x's values placed at {@code indices} in zeros of the output size, the
     * default {@code (in - 1)·stride - 2·padding + kernel} or {@code outputSize} ((H, W) or the
     * full shape) within one stride of it, as PyTorch's {@code max_unpool2d}. Its gradient is the
     * gather at the same indices (PyTorch's formula).
     */
    static Tensor maxUnpool2d(Tensor x, INDArray indices, PoolSpec spec, int[] outputSize) {
        Unbatched.require("maxUnpool2d", x);
        if (indices == null || !Arrays.equals(indices.shape(), x.shape())) {
            throw new IllegalArgumentException("maxUnpool2d: indices " + (indices == null ? "null"
                    : Arrays.toString(indices.shape())) + " must have the input's shape " + Arrays.toString(x.shape()));
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            throw new IllegalArgumentException("maxUnpool2d: dilation=" + Arrays.toString(spec.dilation())
                    + " must be [1, 1]; unpooling has kernel, stride and padding only");
        }
        int[] size = unpoolSize(x.shape(), spec, outputSize);
        INDArray idx = Unbatched.is(x) ? Unbatched.batch(indices) : indices;
        return Unbatched.apply(x, t -> LinearOps.apply("maxUnpool2d", t,
                a -> PoolKernels.unpoolPlanes(a, idx, size[0], size[1]),
                "maxUnpool2dBackward", g -> PoolKernels.gatherPlanes(g, idx)));
    }

    private static int[] unpoolSize(long[] in, PoolSpec spec, int[] outputSize) {
        int rank = in.length;
        int[] size = new int[2];
        for (int a = 0; a < 2; a++) {
            long d = (in[rank - 2 + a] - 1) * spec.stride(a) - 2L * spec.padding(a) + spec.kernel(a);
            size[a] = (int) Math.min(Integer.MAX_VALUE, d);
        }
        if (outputSize == null) {
            if (size[0] < 1 || size[1] < 1) {
                throw new IllegalArgumentException("maxUnpool2d: the output size " + Arrays.toString(size)
                        + " of input " + Arrays.toString(in) + " with " + spec + " must be positive");
            }
            return size;
        }
        if (outputSize.length != 2 && outputSize.length != rank) {
            throw new IllegalArgumentException("maxUnpool2d: outputSize=" + Arrays.toString(outputSize)
                    + " must have 2 or " + rank + " elements");
        }
        int[] want = Arrays.copyOfRange(outputSize, outputSize.length - 2, outputSize.length);
        for (int a = 0; a < 2; a++) {
            long lo = (long) size[a] - spec.stride(a);
            long hi = (long) size[a] + spec.stride(a);
            if (!(lo < want[a] && want[a] < hi) || want[a] < 1) {
                throw new IllegalArgumentException(String.format("maxUnpool2d: outputSize=%s is invalid: dim %d must"
                        + " lie strictly between %d and %d (the default %d ± stride %d) and be positive",
                        Arrays.toString(outputSize), a, lo, hi, size[a], spec.stride(a)));
            }
        }
        return want;
    }

    static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        Unbatched.require("avgPool2d", x);
        return Unbatched.apply(x, t -> {
            int h = (int) t.size(2);
            int w = (int) t.size(3);
            spec.outputSize(h, w);
            return LinearOps.apply("avgPool2d", t, a -> PoolKernels.avgPool2d(a, spec),
                    "avgPool2dBackward", g -> PoolKernels.avgPool2dAdjoint(g, spec, h, w));
        });
    }

    static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        Unbatched.require("adaptiveAvgPool2d", x);
        requireOutputSize("adaptiveAvgPool2d", outH, outW);
        return Unbatched.apply(x, t -> {
            int h = (int) t.size(2);
            int w = (int) t.size(3);
            return LinearOps.apply("adaptiveAvgPool2d", t, a -> PoolKernels.adaptiveAvgPool2d(a, outH, outW),
                    "adaptiveAvgPool2dBackward", g -> PoolKernels.adaptiveAvgPool2dAdjoint(g, h, w));
        });
    }

    private static void requireOutputSize(String op, int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": outputSize=[" + outH + ", " + outW
                    + "] must be positive on each axis");
        }
    }
}
