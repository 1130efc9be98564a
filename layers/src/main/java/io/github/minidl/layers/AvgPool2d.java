package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.PoolSpec;

/** Average pooling, PyTorch's {@code nn.AvgPool2d} (padding counted in the divisor unless the spec says otherwise). */
public final class AvgPool2d extends LeafModule {
    private final PoolSpec spec;

    /** Square kernel, stride = kernel, no padding. */
    public AvgPool2d(int kernelSize) {
        this(PoolSpec.builder(kernelSize).build());
    }

    /** Any geometry with dilation 1. */
    public AvgPool2d(PoolSpec spec) {
        this.spec = Checks.notNull("spec", spec);
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            throw new IllegalArgumentException("AvgPool2d: dilation=" + Checks.tuple(spec.dilation()) + " must be (1, 1)");
        }
    }

    /**
     * @param x [N, C, H, W] or unbatched [C, H, W]
     * @return [N, C, Ho, Wo] ([C, Ho, Wo] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("AvgPool2d", x, 0, null);
        return F.avgPool2d(x, spec);
    }

    /** The geometry. */
    public PoolSpec spec() {
        return spec;
    }

    @Override
    Window window(long[] in) {
        return Window.sliding("pool", spec.kernelSize(), spec.stride(), spec.dilation(), spec.padding());
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Checks.tuple(spec.kernelSize()) + ", stride=" + Checks.tuple(spec.stride())
                + ", padding=" + Checks.tuple(spec.padding());
    }
}
