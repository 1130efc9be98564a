package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cross-entropy of logits against class indices (or class probabilities), PyTorch's
 * {@code nn.CrossEntropyLoss}: per sample {@code -Σ_c q_c·logSoftmax(z)_c} with
 * {@code q_c = w_c·((1 - ε)·onehot(target)_c + ε/C)} for class weights w and label smoothing ε,
 * then reduced (by default the weighted mean: divided by Σ w[target] over targets not ignored).
 * Configure with {@code new CrossEntropyLoss().withWeight(w).withIgnoreIndex(0).withLabelSmoothing(0.1)}.
 */
public final class CrossEntropyLoss extends OptionsLoss<ClassLossOptions> {

    /** Mean reduction, no weights, ignore index -100, no label smoothing. */
    public CrossEntropyLoss() {
        this(ClassLossOptions.defaults());
    }

    /** @param options reduction, class weights, ignore index and label smoothing */
    public CrossEntropyLoss(ClassLossOptions options) {
        super("options", options);
    }

    /** This loss with label smoothing ε in [0, 1]. */
    public CrossEntropyLoss withLabelSmoothing(double epsilon) {
        return new CrossEntropyLoss(options.withLabelSmoothing(epsilon));
    }

    /** This loss with another reduction. */
    public CrossEntropyLoss withReduction(Reduction r) {
        return new CrossEntropyLoss(options.withReduction(r));
    }

    /** This loss with class weights [C] in the logits' dtype (null: none). */
    public CrossEntropyLoss withWeight(Tensor weight) {
        return new CrossEntropyLoss(options.withWeight(weight));
    }

    /** This loss ignoring targets equal to {@code index} (PyTorch's {@code ignore_index}). */
    public CrossEntropyLoss withIgnoreIndex(long index) {
        return new CrossEntropyLoss(options.withIgnoreIndex(index));
    }

    /**
     * @param logits [N, C] or [N, C, ...]
     * @param target integer class indices [N] / [N, ...] in [0, C), or float probabilities shaped like logits
     */
    @Override
    Tensor compute(Tensor logits, Tensor target) {
        return F.crossEntropy(logits, target, options);
    }

    /** As {@link #forward(Tensor, Tensor)} with class indices given as an integer array. */
    public Tensor forward(Tensor logits, INDArray target) {
        LossArguments.notNull(logits, target);
        return F.crossEntropy(logits, target, options);
    }

    /** The label smoothing ε. */
    public double labelSmoothing() {
        return options.labelSmoothing();
    }

    /** The reduction. */
    public Reduction reduction() {
        return options.reduction();
    }

    /** All options. */
    public ClassLossOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(" + LossArguments.describe(options) + ", label_smoothing=" + options.labelSmoothing() + ")";
    }
}
