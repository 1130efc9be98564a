package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** 1/(1 + e^-x), element-wise. */
public final class Sigmoid extends Activation {
    /** The logistic function. */
    public Sigmoid() {
    }

    @Override
    Tensor apply(Tensor x) {
        return F.sigmoid(x);
    }
}
