package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Hyperparameters of {@link SGD}, PyTorch's names, order and defaults (all 0 or false but the
 * learning rate). Build with {@code SgdOptions.lr(0.1).withMomentum(0.9).withNesterov().withWeightDecay(5e-4)}.
 *
 * @param lr learning rate, finite, non-negative
 * @param momentum in [0, ∞)
 * @param dampening in [0, 1]
 * @param weightDecay L2 penalty added to the gradient, non-negative
 * @param nesterov Nesterov momentum (needs momentum &gt; 0 and dampening 0)
 * @param maximize ascend the objective: the gradient is negated before everything else
 */
public record SgdOptions(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
                         boolean maximize) implements Hyperparameters<SgdOptions> {
    /** Checks the ranges and the Nesterov condition. */
    public SgdOptions {
        Optimizer.checkRate(lr);
        RangeChecks.finiteNonNegative("momentum", momentum);
        RangeChecks.inClosed("dampening", dampening, 0, 1);
        RangeChecks.finiteNonNegative("weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening = 0; got momentum="
                    + momentum + ", dampening=" + dampening);
        }
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static SgdOptions lr(double lr) {
        return new SgdOptions(lr, 0, 0, 0, false, false);
    }

    /** These options with momentum m. */
    public SgdOptions withMomentum(double m) {
        return new SgdOptions(lr, m, dampening, weightDecay, nesterov, maximize);
    }

    /** These options with dampening. */
    public SgdOptions withDampening(double d) {
        return new SgdOptions(lr, momentum, d, weightDecay, nesterov, maximize);
    }

    /** These options with Nesterov momentum. */
    public SgdOptions withNesterov() {
        return new SgdOptions(lr, momentum, dampening, weightDecay, true, maximize);
    }
}
