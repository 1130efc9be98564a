package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/**
 * Cross-entropy of logits against class indices (or class probabilities), PyTorch's
 * {@code nn.CrossEntropyLoss}: per sample {@code -Σ_c q_c·logSoftmax(z)_c} with
 * {@code q_c = w_c·((1 - ε)·onehot(target)_c + ε/C)} for class weights w and label smoothing ε,
 * then reduced (by default the weighted mean: divided by Σ w[target] over targets not ignored).
 * Configure with {@code new CrossEntropyLoss().withWeight(w).withIgnoreIndex(0).withLabelSmoothing(0.1)}.
 */
public final class CrossEntropyLoss extends ClassIndexLoss<CrossEntropyLoss> {

    /** Mean reduction, no weights, ignore index -100, no label smoothing. */
    public CrossEntropyLoss() {
        this(ClassLossOptions.defaults());
    }

    /** @param options reduction, class weights, ignore index and label smoothing */
    public CrossEntropyLoss(ClassLossOptions options) {
        super(options, CrossEntropyLoss::new, F::crossEntropy);
    }

    /** This loss with label smoothing ε in [0, 1]. */
    public CrossEntropyLoss withLabelSmoothing(double epsilon) {
        return new CrossEntropyLoss(options.withLabelSmoothing(epsilon));
    }

    /**
     * @param logits [N, C] or [N, C, ...]
     * @param target integer class indices [N] / [N, ...] in [0, C), or float probabilities shaped like logits
     */
    @Override
    Tensor compute(Tensor logits, Tensor target) {
        return F.crossEntropy(logits, target, options);
    }

    /** The label smoothing ε. */
    public double labelSmoothing() {
        return options.labelSmoothing();
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(" + LossArguments.describe(options) + ", label_smoothing=" + options.labelSmoothing() + ")";
    }
}
