package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.GeluApproximation;
import io.github.minidl.autograd.Tensor;

/** GELU, x·Φ(x) (exact, PyTorch's default) or its tanh approximation. */
public final class GELU extends Activation {
    private final GeluApproximation approximate;

    /** The exact form x·Φ(x). */
    public GELU() {
        this(GeluApproximation.NONE);
    }

    /** The chosen form. */
    public GELU(GeluApproximation approximate) {
        this.approximate = Checks.notNull("approximate", approximate);
    }

    @Override
    Tensor apply(Tensor x) {
        return F.gelu(x, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + (approximate == GeluApproximation.TANH ? "tanh" : "none") + "'";
    }
}
