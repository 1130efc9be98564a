package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/** An element-wise function of any shape of input, without parameters (ReLU, Sigmoid, Tanh, GELU, LeakyReLU). */
public abstract class Activation extends LeafModule {
    Activation() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    protected final Tensor compute(Tensor x) {
        Checks.notNull(getClass().getSimpleName() + ": input", x);
        return apply(x);
    }

    /** The function on a non-null x. */
    abstract Tensor apply(Tensor x);
}
