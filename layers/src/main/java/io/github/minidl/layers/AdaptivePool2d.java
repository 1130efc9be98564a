package io.github.minidl.layers;

import io.github.minidl.core.ConvArguments;

/**
 * What adaptive average and max pooling share, as PyTorch's {@code _AdaptiveAvgPoolNd} and
 * {@code _AdaptiveMaxPoolNd} do: the output size and the receptive-field effect of its bins.
 */
abstract class AdaptivePool2d extends LeafModule {
    final int[] outputSize;

    AdaptivePool2d(int outH, int outW) {
        this.outputSize = ConvArguments.positivePair("outputSize", new int[] {outH, outW});
    }

    @Override
    Window window(long[] in) {
        return Window.adaptive(in, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Checks.tuple(outputSize);
    }
}
