package io.github.minidl.layers.loss;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;

/**
 * Binary cross-entropy of logits, PyTorch's {@code nn.BCEWithLogitsLoss}, in the stable form
 * {@code max(z, 0) - z·t + log(1 + e^-|z|)} per element, reduced (mean by default).
 */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction MEAN, SUM or NONE */
    public BCEWithLogitsLoss(Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
        this.reduction = reduction;
    }

    /** @param logits any shape; @param target probabilities in [0, 1], same shape and dtype */
    @Override
    public Tensor forward(Tensor logits, Tensor target) {
        Losses.notNull(logits, target);
        return F.binaryCrossEntropyWithLogits(logits, target, reduction);
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
