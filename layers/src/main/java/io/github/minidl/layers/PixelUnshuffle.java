package io.github.minidl.layers;

import io.github.minidl.autograd.F;

/**
 * Rearranges [N, C, H·r, W·r] into [N, C·r², H, W] (unbatched: [C, H·r, W·r] into [C·r², H, W]),
 * PyTorch's {@code nn.PixelUnshuffle}, the inverse of {@link PixelShuffle}:
 * {@code y[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j]}. Each output pixel holds an r×r
 * block, like a pooling window of size and stride r that keeps every value in the channels.
 */
public final class PixelUnshuffle extends Shuffle {

    /** @param downscaleFactor r, positive */
    public PixelUnshuffle(int downscaleFactor) {
        super("downscaleFactor", "downscale_factor", downscaleFactor, F::pixelUnshuffle);
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        int[] r = {factor, factor};
        return ReceptiveFieldEffect.sliding("unshuffle", r, r, new int[] {1, 1}, new int[] {0, 0});
    }
}
