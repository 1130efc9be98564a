package io.github.minidl.layers.loss;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;

/** Squared error {@code (input - target)²}, reduced (mean by default), PyTorch's {@code nn.MSELoss}. */
public final class MSELoss extends OptionsLoss<Reduction> {

    /** Mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction MEAN, SUM or NONE */
    public MSELoss(Reduction reduction) {
        super("reduction", reduction);
    }

    /** @param input any shape; @param target the same shape and dtype */
    @Override
    Tensor compute(Tensor input, Tensor target) {
        return F.mseLoss(input, target, options);
    }

    @Override
    public String toString() {
        return "MSELoss(reduction=" + options.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
