package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** x for x &gt; 0, else negativeSlope·x (PyTorch's default slope 0.01). */
public final class LeakyReLU extends Activation {
    private final double negativeSlope;

    /** Slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    /** @param negativeSlope finite */
    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("negativeSlope=" + negativeSlope + " must be finite");
        }
        this.negativeSlope = negativeSlope;
    }

    @Override
    Tensor apply(Tensor x) {
        return F.leakyRelu(x, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
