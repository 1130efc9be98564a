package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.core.geometry.PoolSpec;

/** Average pooling, PyTorch's {@code nn.AvgPool2d} (padding counted in the divisor unless the spec says otherwise). */
public final class AvgPool2d extends Pool2d {

    /** Square kernel, stride = kernel, no padding. */
    public AvgPool2d(int kernelSize) {
        this(PoolSpec.builder(kernelSize).build());
    }

    /** Any geometry with dilation 1. */
    public AvgPool2d(PoolSpec spec) {
        super(spec, true, F::avgPool2d);
    }
}
