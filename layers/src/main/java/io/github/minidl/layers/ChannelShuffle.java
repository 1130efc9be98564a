package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/**
 * Interleaves the channels of g groups, PyTorch's {@code nn.ChannelShuffle}: view
 * {@code [N, g, C/g, H, W]}, swap axes 1 and 2, flatten back, so {@code y[:, k·g + i] = x[:, i·(C/g) + k]}.
 * Placed after a grouped convolution, it lets the next grouped convolution see every group.
 */
public final class ChannelShuffle extends LeafModule {
    private final int groups;

    /** @param groups positive; must divide the channel count */
    public ChannelShuffle(int groups) {
        this.groups = Checks.positive("groups", groups);
    }

    /**
     * @param x [N, C, H, W] with C divisible by groups
     * @return [N, C, H, W]
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.image("ChannelShuffle", x, 0, null);
        long[] s = x.shape();
        if (s[1] % groups != 0) {
            throw new IllegalArgumentException("ChannelShuffle: input has " + s[1] + " channels, which must be divisible"
                    + " by groups=" + groups);
        }
        Tensor y = x.reshape(s[0], groups, s[1] / groups, s[2], s[3]).permute(0, 2, 1, 3, 4).reshape(s);
        return y;
    }

    /** The number of groups. */
    public int groups() {
        return groups;
    }

    @Override
    protected String extraRepr() {
        return "groups=" + groups;
    }
}
