package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/**
 * Rearranges [N, C, H·r, W·r] into [N, C·r², H, W], PyTorch's {@code nn.PixelUnshuffle}, the
 * inverse of {@link PixelShuffle}: {@code y[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j]}.
 * Each output pixel holds an r×r block, like a pooling window of size and stride r that keeps
 * every value in the channels.
 */
public final class PixelUnshuffle extends LeafModule {
    private final int downscaleFactor;

    /** @param downscaleFactor r, positive */
    public PixelUnshuffle(int downscaleFactor) {
        this.downscaleFactor = Checks.positive("downscaleFactor", downscaleFactor);
    }

    /**
     * @param x [N, C, H·r, W·r] or unbatched [C, H·r, W·r]
     * @return [N, C·r², H, W] ([C·r², H, W] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("PixelUnshuffle", x, 0, null);
        return F.pixelUnshuffle(x, downscaleFactor);
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        int[] r = {downscaleFactor, downscaleFactor};
        return ReceptiveFieldEffect.sliding("unshuffle", r, r, new int[] {1, 1}, new int[] {0, 0});
    }

    @Override
    protected String extraRepr() {
        return "downscale_factor=" + downscaleFactor;
    }
}
