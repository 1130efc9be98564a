package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** Adaptive average pooling to a fixed (oH, oW), PyTorch's {@code nn.AdaptiveAvgPool2d}; (1, 1) is global average pooling. */
public final class AdaptiveAvgPool2d extends AdaptivePool2d {
    /** Square output (1 for global pooling). */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** Output (oH, oW), both positive. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        super(outH, outW);
    }

    /**
     * @param x [N, C, H, W] or unbatched [C, H, W]
     * @return [N, C, oH, oW] ([C, oH, oW] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("AdaptiveAvgPool2d", x, 0, null);
        return F.adaptiveAvgPool2d(x, outputSize[0], outputSize[1]);
    }
}
