package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;
import java.util.function.BiFunction;

/**
 * What the pooling layers with a sliding window share ({@link AvgPool2d}, {@link MaxPool2d},
 * {@link MaxUnpool2d}), as PyTorch's {@code _MaxPoolNd} and {@code _AvgPoolNd}: the geometry,
 * checked once, the input check, the functional op a forward applies, the receptive-field effect
 * and the printed form.
 */
public abstract class Pool2d extends LeafModule {
    final PoolSpec spec;
    private final BiFunction<Tensor, PoolSpec, Tensor> op;

    /**
     * @param undilated whether the layer refuses a dilation other than (1, 1)
     * @param op        the layer's forward on a checked input, e.g. {@code F::avgPool2d}
     */
    Pool2d(PoolSpec spec, boolean undilated, BiFunction<Tensor, PoolSpec, Tensor> op) {
        this.spec = Checks.notNull("spec", spec);
        this.op = op;
        if (undilated && (spec.dilation(0) != 1 || spec.dilation(1) != 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dilation="
                    + Checks.tuple(spec.dilation()) + " must be (1, 1)");
        }
    }

    /** The geometry. */
    public PoolSpec spec() {
        return spec;
    }

    /**
     * @param x [N, C, H, W] or unbatched [C, H, W]
     * @return [N, C, Ho, Wo] ([C, Ho, Wo] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        return op.apply(checked(x), spec);
    }

    /** x, checked as every entry point of a pooling layer checks it: [N, C, H, W] or [C, H, W]. */
    final Tensor checked(Tensor x) {
        Checks.imageOrUnbatched(getClass().getSimpleName(), x, 0, null);
        return x;
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.sliding("pool", spec.kernelSize(), spec.stride(), spec.dilation(), spec.padding());
    }

    /** {@code kernel_size=(kH, kW), stride=(sH, sW), padding=(pH, pW)}. */
    @Override
    protected String extraRepr() {
        return "kernel_size=" + Checks.tuple(spec.kernelSize()) + ", stride=" + Checks.tuple(spec.stride())
                + ", padding=" + Checks.tuple(spec.padding());
    }
}
