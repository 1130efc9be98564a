package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/**
 * Rearranges [N, C·r², H, W] into [N, C, H·r, W·r], PyTorch's {@code nn.PixelShuffle}:
 * {@code y[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]}. A learned alternative to
 * transposed convolution for upsampling; {@link PixelUnshuffle} is its inverse.
 */
public final class PixelShuffle extends LeafModule {
    private final int upscaleFactor;

    /** @param upscaleFactor r, positive */
    public PixelShuffle(int upscaleFactor) {
        this.upscaleFactor = Checks.positive("upscaleFactor", upscaleFactor);
    }

    /**
     * @param x [N, C·r², H, W] or unbatched [C·r², H, W]
     * @return [N, C, H·r, W·r] ([C, H·r, W·r] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("PixelShuffle", x, 0, null);
        return F.pixelShuffle(x, upscaleFactor);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
