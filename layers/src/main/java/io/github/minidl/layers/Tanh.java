package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** tanh(x), element-wise. */
public final class Tanh extends Module {
    /** The hyperbolic tangent. */
    public Tanh() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.notNull("Tanh: input", x);
        return traced(x, F.tanh(x));
    }
}
