package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/**
 * Rearranges [N, C·r², H, W] into [N, C, H·r, W·r], PyTorch's {@code nn.PixelShuffle}:
 * {@code y[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]}. A learned alternative to
 * transposed convolution for upsampling.
 */
public final class PixelShuffle extends Module {
    private final int upscaleFactor;

    /** @param upscaleFactor r, positive */
    public PixelShuffle(int upscaleFactor) {
        this.upscaleFactor = Checks.positive("upscaleFactor", upscaleFactor);
    }

    /**
     * @param x [N, C·r², H, W]
     * @return [N, C, H·r, W·r]
     */
    @Override
    public Tensor forward(Tensor x) {
        Checks.image("PixelShuffle", x, 0, null);
        long[] s = x.shape();
        long r = upscaleFactor;
        if (s[1] % (r * r) != 0) {
            throw new IllegalArgumentException("PixelShuffle: input has " + s[1] + " channels, which must be divisible"
                    + " by upscaleFactor²=" + r * r);
        }
        long c = s[1] / (r * r);
        Tensor y = x.reshape(s[0], c, r, r, s[2], s[3]).permute(0, 1, 4, 2, 5, 3).reshape(s[0], c, s[2] * r, s[3] * r);
        return traced(x, y);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
