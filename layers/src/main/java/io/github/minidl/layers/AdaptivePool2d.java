package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvArguments;

/**
 * What adaptive average and max pooling share, as PyTorch's {@code _AdaptiveAvgPoolNd} and
 * {@code _AdaptiveMaxPoolNd} do: the output size, the input check, the functional op a forward
 * applies and the receptive-field effect of its bins.
 */
abstract class AdaptivePool2d extends LeafModule {
    /** A functional adaptive pooling, e.g. {@code F::adaptiveAvgPool2d}. */
    interface Op {
        Tensor apply(Tensor x, int outH, int outW);
    }

    final int[] outputSize;
    private final Op op;

    AdaptivePool2d(int outH, int outW, Op op) {
        this.outputSize = ConvArguments.positivePair("outputSize", new int[] {outH, outW});
        this.op = op;
    }

    /**
     * @param x [N, C, H, W] or unbatched [C, H, W]
     * @return [N, C, oH, oW] ([C, oH, oW] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        return op.apply(checked(x), outputSize[0], outputSize[1]);
    }

    /** x, checked as every entry point of an adaptive pooling checks it: [N, C, H, W] or [C, H, W]. */
    final Tensor checked(Tensor x) {
        Checks.imageOrUnbatched(getClass().getSimpleName(), x, 0, null);
        return x;
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.adaptive(in, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Checks.tuple(outputSize);
    }
}
