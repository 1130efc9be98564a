package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.MaxPool2dResult;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;

/** Max pooling, PyTorch's {@code nn.MaxPool2d}; padding acts as -∞. */
public final class MaxPool2d extends Pool2d {

    /** Square kernel, stride = kernel, no padding. */
    public MaxPool2d(int kernelSize) {
        this(PoolSpec.builder(kernelSize).build());
    }

    /** Any geometry, e.g. {@code PoolSpec.builder(3).stride(2).padding(1).build()}. */
    public MaxPool2d(PoolSpec spec) {
        super(spec, false, F::maxPool2d);
    }

    /**
     * Values and argmax indices (PyTorch's {@code return_indices=True}), e.g. for {@link MaxUnpool2d}.
     *
     * @param x [N, C, H, W] or unbatched [C, H, W]
     */
    public MaxPool2dResult forwardWithIndices(Tensor x) {
        MaxPool2dResult r = F.maxPool2dWithIndices(checked(x), spec);
        traced(x, r.values());
        return r;
    }

    @Override
    String summaryType(long[] in) {
        return "MaxPool2d " + spec.kernel(0) + "x" + spec.kernel(1) + (spec.stride(0) != spec.kernel(0)
                || spec.stride(1) != spec.kernel(1) ? " s" + Checks.tuple(spec.stride()) : "");
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", dilation=" + Checks.tuple(spec.dilation())
                + ", ceil_mode=" + (spec.ceilMode() ? "True" : "False");
    }
}
