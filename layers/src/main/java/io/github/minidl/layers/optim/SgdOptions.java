package io.github.minidl.layers.optim;

/**
 * Hyperparameters of {@link SGD}, PyTorch's names and defaults (all 0 but the learning rate).
 * Build with {@code SgdOptions.lr(0.1).withMomentum(0.9).withNesterov().withWeightDecay(5e-4)}.
 *
 * @param lr learning rate, finite, non-negative
 * @param momentum in [0, ∞)
 * @param dampening in [0, 1]
 * @param nesterov Nesterov momentum (needs momentum &gt; 0 and dampening 0)
 * @param weightDecay L2 penalty added to the gradient, non-negative
 */
public record SgdOptions(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
    /** Checks the ranges and the Nesterov condition. */
    public SgdOptions {
        Optimizer.checkRate(lr);
        if (!(momentum >= 0) || !Double.isFinite(momentum)) {
            throw new IllegalArgumentException("momentum=" + momentum + " must be finite and non-negative");
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("dampening=" + dampening + " must lie in [0, 1]");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay=" + weightDecay + " must be finite and non-negative");
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening = 0; got momentum="
                    + momentum + ", dampening=" + dampening);
        }
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static SgdOptions lr(double lr) {
        return new SgdOptions(lr, 0, 0, false, 0);
    }

    /** These options with momentum m. */
    public SgdOptions withMomentum(double m) {
        return new SgdOptions(lr, m, dampening, nesterov, weightDecay);
    }

    /** These options with dampening. */
    public SgdOptions withDampening(double d) {
        return new SgdOptions(lr, momentum, d, nesterov, weightDecay);
    }

    /** These options with Nesterov momentum. */
    public SgdOptions withNesterov() {
        return new SgdOptions(lr, momentum, dampening, true, weightDecay);
    }

    /** These options with L2 weight decay. */
    public SgdOptions withWeightDecay(double wd) {
        return new SgdOptions(lr, momentum, dampening, nesterov, wd);
    }

    /** These options with another learning rate. */
    public SgdOptions withLr(double r) {
        return new SgdOptions(r, momentum, dampening, nesterov, weightDecay);
    }
}
