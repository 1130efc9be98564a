package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** tanh(x), element-wise. */
public final class Tanh extends Activation {
    /** The hyperbolic tangent. */
    public Tanh() {
    }

    @Override
    Tensor apply(Tensor x) {
        return F.tanh(x);
    }
}
