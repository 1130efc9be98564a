package io.github.minidl.layers.loss;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cross-entropy of logits against class indices (or class probabilities), PyTorch's
 * {@code nn.CrossEntropyLoss}: per sample {@code -Σ_c q_c·logSoftmax(z)_c} with
 * {@code q = (1 - ε)·onehot(target) + ε/C} for label smoothing ε, then reduced (mean by default).
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;
    private final double labelSmoothing;

    /** Mean reduction, no label smoothing. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN, 0);
    }

    private CrossEntropyLoss(Reduction reduction, double labelSmoothing) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("labelSmoothing=" + labelSmoothing + " must lie in [0, 1]");
        }
        this.reduction = reduction;
        this.labelSmoothing = labelSmoothing;
    }

    /** This loss with label smoothing ε in [0, 1]. */
    public CrossEntropyLoss withLabelSmoothing(double epsilon) {
        return new CrossEntropyLoss(reduction, epsilon);
    }

    /** This loss with another reduction. */
    public CrossEntropyLoss withReduction(Reduction r) {
        return new CrossEntropyLoss(r, labelSmoothing);
    }

    /**
     * @param logits [N, C] or [N, C, ...]
     * @param target integer class indices [N] / [N, ...] in [0, C), or float probabilities shaped like logits
     */
    @Override
    public Tensor forward(Tensor logits, Tensor target) {
        Losses.notNull(logits, target);
        return F.crossEntropy(logits, target, reduction, labelSmoothing);
    }

    /** As {@link #forward(Tensor, Tensor)} with class indices given as an integer array. */
    public Tensor forward(Tensor logits, INDArray target) {
        Losses.notNull(logits, target);
        return F.crossEntropy(logits, target, reduction, labelSmoothing);
    }

    /** The label smoothing ε. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT)
                + ", label_smoothing=" + labelSmoothing + ")";
    }
}
