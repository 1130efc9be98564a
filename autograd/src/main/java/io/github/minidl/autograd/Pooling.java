package io.github.minidl.autograd;

import io.github.minidl.core.MaxPoolResult;
import io.github.minidl.core.PoolKernels;
import io.github.minidl.core.PoolSpec;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling ops. Max pooling routes the gradient to each window's argmax, a scatter whose own
 * gradient is the matching gather; average pooling is linear and its backward is its adjoint.
 */
final class Pooling {
    private Pooling() {
    }

    /**
     * Max pooling values. The 2×2, stride-2 pooling of most CNNs writes no indices: its
     * first-order backward finds each window's winner again from the input and output.
     */
    static Tensor maxPool2d(Tensor x, PoolSpec spec) {
        require4d("maxPool2d", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        if (!PoolKernels.isPairPooling(spec, h, w)) {
            return maxPool2dWithIndices(x, spec).values();
        }
        return Node.record("maxPool2d", PoolKernels.maxPool2x2(x.data()), (gy, y, needs) -> {
            if (!GradMode.isEnabled()) {
                return new Tensor[] {Tensor.of(PoolKernels.maxPool2x2Backward(x.data(), y.data(), gy.data()))};
            }
            // Differentiable backward (double backward): the scatter by indices, found again.
            MaxPoolResult r = PoolKernels.maxPool2d(x.data(), spec);
            r.values().close();
            MemoryScope.track(r.indices());
            return new Tensor[] {scatter(gy, r.indices(), h, w)};
        }, x);
    }

    /** Max pooling with each window's argmax (flat position in its plane), kept for the backward. */
    static MaxPool2dResult maxPool2dWithIndices(Tensor x, PoolSpec spec) {
        require4d("maxPool2d", x);
        MaxPoolResult r = PoolKernels.maxPool2d(x.data(), spec);
        INDArray idx = r.indices();
        MemoryScope.track(idx);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        Tensor y = Node.record("maxPool2d", r.values(),
                (gy, out, needs) -> new Tensor[] {scatter(gy, idx, h, w)}, x);
        return new MaxPool2dResult(y, idx);
    }

    /** gx[n, c, idx] += g[n, c, i] into an (h, w) plane; its gradient gathers at the same indices. */
    private static Tensor scatter(Tensor g, INDArray idx, int h, int w) {
        return LinearOps.apply("maxPool2dBackward", g, a -> PoolKernels.scatterPlanes(a, idx, h, w),
                "gatherAtIndices", a -> PoolKernels.gatherPlanes(a, idx));
    }

    static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        require4d("avgPool2d", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        spec.outputSize(h, w);
        return LinearOps.apply("avgPool2d", x, a -> PoolKernels.avgPool2d(a, spec),
                "avgPool2dBackward", g -> PoolKernels.avgPool2dAdjoint(g, spec, h, w));
    }

    static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        require4d("adaptiveAvgPool2d", x);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: outputSize=[" + outH + ", " + outW
                    + "] must be positive on each axis");
        }
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        return LinearOps.apply("adaptiveAvgPool2d", x, a -> PoolKernels.adaptiveAvgPool2d(a, outH, outW),
                "adaptiveAvgPool2dBackward", g -> PoolKernels.adaptiveAvgPool2dAdjoint(g, h, w));
    }

    private static void require4d(String op, Tensor x) {
        if (x == null || x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-D [N, C, H, W]; got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        Nd.sameFloatType(op, x);
    }
}
