package io.github.minidl.layers.loss;

import io.github.minidl.autograd.BinaryCrossEntropyOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;

/**
 * Binary cross-entropy of logits, PyTorch's {@code nn.BCEWithLogitsLoss}: per element
 * {@code w·((1 - t)·z + (1 + (p - 1)·t)·softplus(-z))} with element weights w and positive-class
 * weights p (both broadcast to the input; 1 when absent), which for p = 1 is the stable
 * {@code max(z, 0) - z·t + log(1 + e^-|z|)}; reduced (mean by default).
 */
public final class BCEWithLogitsLoss extends OptionsLoss<BinaryCrossEntropyOptions> {

    /** Mean reduction, no weights. */
    public BCEWithLogitsLoss() {
        this(BinaryCrossEntropyOptions.defaults());
    }

    /** @param reduction MEAN, SUM or NONE */
    public BCEWithLogitsLoss(Reduction reduction) {
        this(BinaryCrossEntropyOptions.defaults().withReduction(reduction));
    }

    /** @param options reduction, element weights and positive-class weights */
    public BCEWithLogitsLoss(BinaryCrossEntropyOptions options) {
        super("options", options);
    }

    /** This loss with element weights, broadcast to the input (null: none). */
    public BCEWithLogitsLoss withWeight(Tensor weight) {
        return new BCEWithLogitsLoss(options.withWeight(weight));
    }

    /** This loss with positive-class weights, e.g. [C] for [N, C] logits (null: none). */
    public BCEWithLogitsLoss withPosWeight(Tensor posWeight) {
        return new BCEWithLogitsLoss(options.withPosWeight(posWeight));
    }

    /** @param logits any shape; @param target probabilities in [0, 1], same shape and dtype */
    @Override
    Tensor compute(Tensor logits, Tensor target) {
        return F.binaryCrossEntropyWithLogits(logits, target, options);
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss(reduction=" + options.reduction().name().toLowerCase(java.util.Locale.ROOT)
                + (options.weight() != null ? ", weight" : "") + (options.posWeight() != null ? ", pos_weight" : "")
                + ")";
    }
}
