package io.github.minidl.layers;

import io.github.minidl.core.geometry.ConvSpec;

/**
 * The arguments every convolution layer's builder takes, as PyTorch's {@code _ConvNd}: channels,
 * kernel, stride and dilation. Their checks are {@link ConvSpec}'s, made once when the layer is
 * built; each layer's builder adds what is its own (padding rule, output padding, groups, bias).
 *
 * @param <B> the layer's builder, returned by every setter so calls chain
 */
public abstract class ConvOptions<B extends ConvOptions<B>> {
    final int inChannels;
    final int outChannels;
    final int[] kernel;
    int[] stride = {1, 1};
    int[] dilation = {1, 1};

    ConvOptions(int inChannels, int outChannels, int[] kernel) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
    }

    /** Stride s on both axes. */
    public B stride(int s) { stride = new int[] {s, s}; return self(); }
    /** Stride (sH, sW). */
    public B stride(int h, int w) { stride = new int[] {h, w}; return self(); }
    /** Dilation d on both axes. */
    public B dilation(int d) { dilation = new int[] {d, d}; return self(); }
    /** Dilation (dH, dW). */
    public B dilation(int h, int w) { dilation = new int[] {h, w}; return self(); }

    /** A spec builder holding these arguments; {@link ConvSpec.Builder#build} checks them. */
    ConvSpec.Builder spec(int in, int out) {
        return ConvSpec.builder(in, out, kernel).stride(stride).dilation(dilation);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
