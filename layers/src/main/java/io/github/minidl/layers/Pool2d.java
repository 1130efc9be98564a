package io.github.minidl.layers;

import io.github.minidl.core.geometry.PoolSpec;

/**
 * What the pooling layers with a sliding window share ({@link AvgPool2d}, {@link MaxPool2d},
 * {@link MaxUnpool2d}), as PyTorch's {@code _MaxPoolNd} and {@code _AvgPoolNd}: the geometry,
 * checked once, its receptive-field effect and its printed form.
 */
public abstract class Pool2d extends LeafModule {
    final PoolSpec spec;

    /** @param undilated whether the layer refuses a dilation other than (1, 1) */
    Pool2d(PoolSpec spec, boolean undilated) {
        this.spec = Checks.notNull("spec", spec);
        if (undilated && (spec.dilation(0) != 1 || spec.dilation(1) != 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dilation="
                    + Checks.tuple(spec.dilation()) + " must be (1, 1)");
        }
    }

    /** The geometry. */
    public PoolSpec spec() {
        return spec;
    }

    @Override
    Window window(long[] in) {
        return Window.sliding("pool", spec.kernelSize(), spec.stride(), spec.dilation(), spec.padding());
    }

    /** {@code kernel_size=(kH, kW), stride=(sH, sW), padding=(pH, pW)}, the start of the printed form. */
    String windowRepr() {
        return "kernel_size=" + Checks.tuple(spec.kernelSize()) + ", stride=" + Checks.tuple(spec.stride())
                + ", padding=" + Checks.tuple(spec.padding());
    }
}
