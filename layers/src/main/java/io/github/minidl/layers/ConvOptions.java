package io.github.minidl.layers;

import io.github.minidl.core.geometry.ConvSpec;

/**
 * The arguments every convolution layer's builder takes, as PyTorch's {@code _ConvNd}: channels,
 * kernel, stride and dilation, each spatial one a single value for both axes or an (H, W) pair.
 * They are handed to {@link ConvSpec.ConvSpecBuilder}, whose checks run once when the layer is built;
 * each layer's builder adds what is its own (padding rule, output padding, groups, bias).
 *
 * @param <B> the layer's builder, returned by every setter so calls chain
 */
public abstract class ConvOptions<B extends ConvOptions<B>> {
    final int inChannels;
    final int outChannels;
    final int[] kernel;
    int[] stride = {1};
    int[] dilation = {1};

    ConvOptions(int inChannels, int outChannels, int[] kernel) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
    }

    /** Stride s on both axes, or (sH, sW). */
    public B stride(int... s) { stride = s; return self(); }
    /** Dilation d on both axes, or (dH, dW). */
    public B dilation(int... d) { dilation = d; return self(); }

    /** A spec builder holding these arguments for {@code in -> out} channels; its build checks them. */
    ConvSpec.ConvSpecBuilder spec(int in, int out) {
        return ConvSpec.builder(in, out, kernel).stride(stride).dilation(dilation);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
