package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** Adaptive average pooling to a fixed (oH, oW), PyTorch's {@code nn.AdaptiveAvgPool2d}; (1, 1) is global average pooling. */
public final class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;

    /** Square output (1 for global pooling). */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** Output (oH, oW), both positive. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outputSize = Checks.positivePair("outputSize", new int[] {outH, outW});
    }

    /**
     * @param x [N, C, H, W]
     * @return [N, C, oH, oW]
     */
    @Override
    public Tensor forward(Tensor x) {
        Checks.image("AdaptiveAvgPool2d", x, 0, null);
        return traced(x, F.adaptiveAvgPool2d(x, outputSize[0], outputSize[1]));
    }

    @Override
    Window window(long[] in) {
        if (outputSize[0] == 1 && outputSize[1] == 1) {
            return Window.GLOBAL;
        }
        int[] k = new int[2];
        int[] s = new int[2];
        for (int a = 0; a < 2; a++) {
            int n = (int) in[2 + a];
            k[a] = (n + outputSize[a] - 1) / outputSize[a];
            s[a] = Math.max(1, n / outputSize[a]);
        }
        return Window.sliding("pool", k, s, new int[] {1, 1}, new int[] {0, 0});
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Checks.tuple(outputSize);
    }
}
