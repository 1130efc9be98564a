package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Hyperparameters of {@link Adagrad}, PyTorch's names, order and defaults. Build with
 * {@code AdagradOptions.lr(0.01).withLrDecay(1e-4).withInitialAccumulatorValue(0.1)}.
 *
 * @param lr learning rate, finite, non-negative
 * @param lrDecay the step-t rate is lr / (1 + (t - 1)·lrDecay); non-negative
 * @param weightDecay L2 penalty added to the gradient, non-negative
 * @param initialAccumulatorValue the starting value of the sum of g², non-negative
 * @param eps added to the root of the sum, positive
 * @param maximize ascend the objective: the gradient is negated before everything else
 */
public record AdagradOptions(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps,
                             boolean maximize) implements Hyperparameters<AdagradOptions> {
    /** Checks the ranges. */
    public AdagradOptions {
        Optimizer.checkRate(lr);
        RangeChecks.finiteNonNegative("lrDecay", lrDecay);
        RangeChecks.finiteNonNegative("weightDecay", weightDecay);
        RangeChecks.finiteNonNegative("initialAccumulatorValue", initialAccumulatorValue);
        RangeChecks.finitePositive("eps", eps);
    }

    /** PyTorch's defaults (no decays, accumulator 0, eps 1e-10) with learning rate lr. */
    public static AdagradOptions lr(double lr) {
        return new AdagradOptions(lr, 0, 0, 0, 1e-10, false);
    }

    /** These options with learning-rate decay. */
    public AdagradOptions withLrDecay(double d) {
        return new AdagradOptions(lr, d, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    /** These options with a starting accumulator value. */
    public AdagradOptions withInitialAccumulatorValue(double v) {
        return new AdagradOptions(lr, lrDecay, weightDecay, v, eps, maximize);
    }

    /** These options with eps. */
    public AdagradOptions withEps(double e) {
        return new AdagradOptions(lr, lrDecay, weightDecay, initialAccumulatorValue, e, maximize);
    }
}
