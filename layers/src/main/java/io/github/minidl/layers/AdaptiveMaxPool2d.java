package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.MaxPool2dResult;
import io.github.minidl.autograd.Tensor;

/**
 * Adaptive max pooling to a fixed (oH, oW), PyTorch's {@code nn.AdaptiveMaxPool2d}: the maximum
 * of each adaptive bin (bin i of n over size s covers [floor(i·s/n), ceil((i+1)·s/n))).
 */
public final class AdaptiveMaxPool2d extends AdaptivePool2d {
    /** Square output (1 for global max pooling). */
    public AdaptiveMaxPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** Output (oH, oW), both positive. */
    public AdaptiveMaxPool2d(int outH, int outW) {
        super(outH, outW, (x, h, w) -> F.adaptiveMaxPool2dWithIndices(x, h, w).values());
    }

    /** Values and each bin's argmax (position {@code h·W + w} in its plane), PyTorch's {@code return_indices=True}. */
    public MaxPool2dResult forwardWithIndices(Tensor x) {
        MaxPool2dResult r = F.adaptiveMaxPool2dWithIndices(checked(x), outputSize[0], outputSize[1]);
        traced(x, r.values());
        return r;
    }
}
