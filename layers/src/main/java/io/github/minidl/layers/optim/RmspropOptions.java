package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Hyperparameters of {@link RMSprop}, PyTorch's names, order and defaults. Build with
 * {@code RmspropOptions.lr(0.01).withAlpha(0.9).withMomentum(0.9).withCentered()}.
 *
 * @param lr learning rate, finite, non-negative
 * @param alpha smoothing constant of the running mean of g², in [0, 1]
 * @param eps added to the root of that mean, positive
 * @param weightDecay L2 penalty added to the gradient, non-negative
 * @param momentum momentum of the update, finite, non-negative
 * @param centered divide by the root of the variance estimate E[g²] − E[g]² instead of E[g²]
 * @param maximize ascend the objective: the gradient is negated before everything else
 */
public record RmspropOptions(double lr, double alpha, double eps, double weightDecay, double momentum,
                             boolean centered, boolean maximize) implements Hyperparameters<RmspropOptions> {
    /** Checks the ranges. */
    public RmspropOptions {
        Optimizer.checkRate(lr);
        RangeChecks.inClosed("alpha", alpha, 0, 1);
        RangeChecks.finitePositive("eps", eps);
        RangeChecks.finiteNonNegative("weightDecay", weightDecay);
        RangeChecks.finiteNonNegative("momentum", momentum);
    }

    /** PyTorch's defaults (alpha 0.99, eps 1e-8, no decay, no momentum) with learning rate lr. */
    public static RmspropOptions lr(double lr) {
        return new RmspropOptions(lr, 0.99, 1e-8, 0, 0, false, false);
    }

    /** These options with smoothing constant alpha. */
    public RmspropOptions withAlpha(double a) {
        return new RmspropOptions(lr, a, eps, weightDecay, momentum, centered, maximize);
    }

    /** These options with eps. */
    public RmspropOptions withEps(double e) {
        return new RmspropOptions(lr, alpha, e, weightDecay, momentum, centered, maximize);
    }

    /** These options with momentum. */
    public RmspropOptions withMomentum(double m) {
        return new RmspropOptions(lr, alpha, eps, weightDecay, m, centered, maximize);
    }

    /** These options, centered. */
    public RmspropOptions withCentered() {
        return new RmspropOptions(lr, alpha, eps, weightDecay, momentum, true, maximize);
    }
}
