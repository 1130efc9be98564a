package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Hyperparameters of {@link Adam} and {@link AdamW}, PyTorch's names and order. Build with
 * {@code AdamOptions.lr(1e-3).withBetas(0.9, 0.999).withWeightDecay(0.01).withAmsgrad()}.
 *
 * @param lr learning rate, finite, non-negative
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param eps added to the bias-corrected √v, positive
 * @param weightDecay L2 penalty (Adam) or decoupled decay (AdamW), non-negative
 * @param amsgrad use the running maximum of v (AMSGrad)
 * @param maximize ascend the objective: the gradient is negated before everything else
 */
public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                          boolean maximize) implements Hyperparameters<AdamOptions> {
    /** Checks the ranges. */
    public AdamOptions {
        Optimizer.checkRate(lr);
        RangeChecks.inClosedOpen("beta1", beta1, 0, 1);
        RangeChecks.inClosedOpen("beta2", beta2, 0, 1);
        RangeChecks.finitePositive("eps", eps);
        RangeChecks.finiteNonNegative("weightDecay", weightDecay);
    }

    /** Adam's defaults (betas 0.9, 0.999, eps 1e-8, no weight decay) with learning rate lr. */
    public static AdamOptions lr(double lr) {
        return new AdamOptions(lr, 0.9, 0.999, 1e-8, 0, false, false);
    }

    /** AdamW's defaults: as {@link #lr(double)} with weight decay 0.01. */
    public static AdamOptions adamW(double lr) {
        return new AdamOptions(lr, 0.9, 0.999, 1e-8, 0.01, false, false);
    }

    /** These options with betas (β1, β2). */
    public AdamOptions withBetas(double b1, double b2) {
        return new AdamOptions(lr, b1, b2, eps, weightDecay, amsgrad, maximize);
    }

    /** These options with eps. */
    public AdamOptions withEps(double e) {
        return new AdamOptions(lr, beta1, beta2, e, weightDecay, amsgrad, maximize);
    }

    /** These options with AMSGrad. */
    public AdamOptions withAmsgrad() {
        return new AdamOptions(lr, beta1, beta2, eps, weightDecay, true, maximize);
    }
}
