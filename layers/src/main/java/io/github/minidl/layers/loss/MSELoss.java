package io.github.minidl.layers.loss;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;

/** Squared error {@code (input - target)²}, reduced (mean by default), PyTorch's {@code nn.MSELoss}. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction MEAN, SUM or NONE */
    public MSELoss(Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
        this.reduction = reduction;
    }

    /** @param input any shape; @param target the same shape and dtype */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossArguments.notNull(input, target);
        return F.mseLoss(input, target, reduction);
    }

    @Override
    public String toString() {
        return "MSELoss(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
