package io.github.minidl.autograd;

/**
 * Pixel shuffle (depth to space) and its inverse, pixel unshuffle (space to depth), as
 * reshape–permute–reshape, so both are differentiable to any order.
 */
final class PixelShuffling {
    private PixelShuffling() {
    }

    /** [N, C·r², H, W] to [N, C, H·r, W·r]: {@code y[n, c, h·r + i, w·r + j] = x[n, c·r² + i·r + j, h, w]}. */
    static Tensor pixelShuffle(Tensor x, int r) {
        requireFactor("pixelShuffle", "upscaleFactor", x, r);
        return Unbatched.apply(x, t -> {
            long[] s = t.shape();
            if (s[1] % ((long) r * r) != 0) {
                throw new IllegalArgumentException("pixelShuffle: input has " + s[1] + " channels, which must be"
                        + " divisible by upscaleFactor²=" + (long) r * r);
            }
            long c = s[1] / ((long) r * r);
            return t.reshape(s[0], c, r, r, s[2], s[3]).permute(0, 1, 4, 2, 5, 3).reshape(s[0], c, s[2] * r, s[3] * r);
        });
    }

    /** [N, C, H·r, W·r] to [N, C·r², H, W], the inverse of {@link #pixelShuffle}. */
    static Tensor pixelUnshuffle(Tensor x, int r) {
        requireFactor("pixelUnshuffle", "downscaleFactor", x, r);
        return Unbatched.apply(x, t -> {
            long[] s = t.shape();
            if (s[2] % r != 0 || s[3] % r != 0) {
                throw new IllegalArgumentException(String.format("pixelUnshuffle: input height %d and width %d must"
                        + " be divisible by downscaleFactor=%d", s[2], s[3], r));
            }
            long h = s[2] / r;
            long w = s[3] / r;
            return t.reshape(s[0], s[1], h, r, w, r).permute(0, 1, 3, 5, 2, 4).reshape(s[0], s[1] * r * r, h, w);
        });
    }

    private static void requireFactor(String op, String name, Tensor x, int r) {
        Unbatched.require(op, x);
        if (r < 1) {
            throw new IllegalArgumentException(op + ": " + name + "=" + r + " must be positive");
        }
    }
}
