package io.github.minidl.layers;

import io.github.minidl.autograd.F;

/** Adaptive average pooling to a fixed (oH, oW), PyTorch's {@code nn.AdaptiveAvgPool2d}; (1, 1) is global average pooling. */
public final class AdaptiveAvgPool2d extends AdaptivePool2d {
    /** Square output (1 for global pooling). */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** Output (oH, oW), both positive. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        super(outH, outW, F::adaptiveAvgPool2d);
    }
}
