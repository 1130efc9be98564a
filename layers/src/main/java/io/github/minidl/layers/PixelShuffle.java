package io.github.minidl.layers;

import io.github.minidl.autograd.F;

/**
 * Rearranges [N, C·r², H, W] into [N, C, H·r, W·r] (unbatched: [C·r², H, W] into [C, H·r, W·r]),
 * PyTorch's {@code nn.PixelShuffle}: {@code y[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]}.
 * A learned alternative to transposed convolution for upsampling; {@link PixelUnshuffle} is its inverse.
 */
public final class PixelShuffle extends Shuffle {

    /** @param upscaleFactor r, positive */
    public PixelShuffle(int upscaleFactor) {
        super("upscaleFactor", "upscale_factor", upscaleFactor, F::pixelShuffle);
    }
}
