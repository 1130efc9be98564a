package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** tanh(x), element-wise. */
public final class Tanh extends LeafModule {
    /** The hyperbolic tangent. */
    public Tanh() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Tanh: input", x);
        return F.tanh(x);
    }
}
