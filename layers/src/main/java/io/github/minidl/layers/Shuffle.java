package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import java.util.function.BiFunction;

/**
 * What the shuffles share ({@link PixelShuffle}, {@link PixelUnshuffle}, {@link ChannelShuffle}):
 * a rearrangement of the input's elements that computes nothing, set by one positive integer
 * (checked once and printed under PyTorch's name for it) and done by a functional op.
 */
abstract class Shuffle extends LeafModule {
    /** The factor r, or the number of groups. */
    final int factor;
    private final String pytorchName;
    private final BiFunction<Tensor, Integer, Tensor> op;

    /**
     * @param name        the argument's name in messages ({@code upscaleFactor})
     * @param pytorchName its name in the printed form ({@code upscale_factor})
     * @param op          the rearrangement of a checked input by the factor, e.g. {@code F::pixelShuffle}
     */
    Shuffle(String name, String pytorchName, int factor, BiFunction<Tensor, Integer, Tensor> op) {
        this.factor = Checks.positive(name, factor);
        this.pytorchName = pytorchName;
        this.op = op;
    }

    /** The rearranged x. */
    @Override
    protected Tensor compute(Tensor x) {
        return op.apply(checked(x), factor);
    }

    /** x, once checked to be [N, C, H, W] or unbatched [C, H, W]. */
    Tensor checked(Tensor x) {
        Checks.imageOrUnbatched(getClass().getSimpleName(), x, 0, null);
        return x;
    }

    @Override
    protected String extraRepr() {
        return pytorchName + "=" + factor;
    }
}
