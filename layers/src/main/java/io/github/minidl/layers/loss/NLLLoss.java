package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Negative log-likelihood of log-probabilities at class indices, PyTorch's {@code nn.NLLLoss}:
 * per target {@code -w[t]·logProbs[t]}, 0 where the target is the ignore index, then reduced (by
 * default the weighted mean: divided by Σ w[target] over targets not ignored). Put
 * {@code logSoftmax} before it, or use {@link CrossEntropyLoss} on logits.
 */
public final class NLLLoss extends OptionsLoss<ClassLossOptions> {

    /** Mean reduction, no weights, ignore index -100. */
    public NLLLoss() {
        this(ClassLossOptions.defaults());
    }

    /** @param options reduction, class weights and ignore index; label smoothing must be 0 */
    public NLLLoss(ClassLossOptions options) {
        super("options", options);
        if (options.labelSmoothing() != 0) {
            throw new IllegalArgumentException("NLLLoss has no label smoothing; got labelSmoothing="
                    + options.labelSmoothing() + " (use CrossEntropyLoss on logits)");
        }
    }

    /** This loss with another reduction. */
    public NLLLoss withReduction(Reduction r) {
        return new NLLLoss(options.withReduction(r));
    }

    /** This loss with class weights [C] in the input's dtype (null: none). */
    public NLLLoss withWeight(Tensor weight) {
        return new NLLLoss(options.withWeight(weight));
    }

    /** This loss ignoring targets equal to {@code index}. */
    public NLLLoss withIgnoreIndex(long index) {
        return new NLLLoss(options.withIgnoreIndex(index));
    }

    /** @param logProbs [N, C] or [N, C, ...]; @param target integer class indices [N] / [N, ...] */
    @Override
    Tensor compute(Tensor logProbs, Tensor target) {
        return forward(logProbs, target.data());
    }

    /** As {@link #forward(Tensor, Tensor)} with class indices given as an integer array. */
    public Tensor forward(Tensor logProbs, INDArray target) {
        LossArguments.notNull(logProbs, target);
        return F.nllLoss(logProbs, target, options);
    }

    /** All options. */
    public ClassLossOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "NLLLoss(" + LossArguments.describe(options) + ")";
    }
}
