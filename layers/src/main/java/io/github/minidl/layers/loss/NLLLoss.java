package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/**
 * Negative log-likelihood of log-probabilities at class indices, PyTorch's {@code nn.NLLLoss}:
 * per target {@code -w[t]·logProbs[t]}, 0 where the target is the ignore index, then reduced (by
 * default the weighted mean: divided by Σ w[target] over targets not ignored). Put
 * {@code logSoftmax} before it, or use {@link CrossEntropyLoss} on logits.
 */
public final class NLLLoss extends ClassIndexLoss<NLLLoss> {

    /** Mean reduction, no weights, ignore index -100. */
    public NLLLoss() {
        this(ClassLossOptions.defaults());
    }

    /** @param options reduction, class weights and ignore index; label smoothing must be 0 */
    public NLLLoss(ClassLossOptions options) {
        super(options, NLLLoss::new, F::nllLoss);
        if (options.labelSmoothing() != 0) {
            throw new IllegalArgumentException("NLLLoss has no label smoothing; got labelSmoothing="
                    + options.labelSmoothing() + " (use CrossEntropyLoss on logits)");
        }
    }

    /** @param logProbs [N, C] or [N, C, ...]; @param target integer class indices [N] / [N, ...] */
    @Override
    Tensor compute(Tensor logProbs, Tensor target) {
        return forward(logProbs, target.data());
    }

    @Override
    public String toString() {
        return "NLLLoss(" + LossArguments.describe(options) + ")";
    }
}
