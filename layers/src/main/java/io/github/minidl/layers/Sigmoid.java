package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** 1/(1 + e^-x), element-wise. */
public final class Sigmoid extends LeafModule {
    /** The logistic function. */
    public Sigmoid() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Sigmoid: input", x);
        return F.sigmoid(x);
    }
}
