package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/**
 * Interleaves the channels of g groups, PyTorch's {@code nn.ChannelShuffle}: view
 * {@code [N, g, C/g, H, W]}, swap axes 1 and 2, flatten back, so {@code y[:, k·g + i] = x[:, i·(C/g) + k]}.
 * Placed after a grouped convolution, it lets the next grouped convolution see every group.
 * Input and output [N, C, H, W], C divisible by groups.
 */
public final class ChannelShuffle extends Shuffle {

    /** @param groups positive; must divide the channel count */
    public ChannelShuffle(int groups) {
        super("groups", "groups", groups, ChannelShuffle::shuffle);
    }

    /** x, once checked to be [N, C, H, W]: PyTorch reads a 3-D input as [N, C, L], so there is no unbatched form. */
    @Override
    Tensor checked(Tensor x) {
        Checks.image("ChannelShuffle", x, 0, null);
        return x;
    }

    private static Tensor shuffle(Tensor x, int groups) {
        long[] s = x.shape();
        if (s[1] % groups != 0) {
            throw new IllegalArgumentException("ChannelShuffle: input has " + s[1] + " channels, which must be divisible"
                    + " by groups=" + groups);
        }
        return x.reshape(s[0], groups, s[1] / groups, s[2], s[3]).permute(0, 2, 1, 3, 4).reshape(s);
    }

    /** The number of groups. */
    public int groups() {
        return factor;
    }
}
