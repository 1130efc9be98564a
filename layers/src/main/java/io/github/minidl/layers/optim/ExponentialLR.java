package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Exponential decay, PyTorch's {@code ExponentialLR}: {@code lr(e) = initialLr · gamma^e}, built by
 * repeated multiplication as PyTorch's {@code scheduler.step()} does.
 *
 * @param gamma the factor per epoch; finite, non-negative
 */
public record ExponentialLR(double gamma) implements RecursiveSchedule {
    /** Checks the range. */
    public ExponentialLR {
        RangeChecks.finiteNonNegative("gamma", gamma);
    }

    @Override
    public double next(int epoch, double lr, double initialLr) {
        return lr * gamma;
    }

    @Override
    public String toString() {
        return "ExponentialLR(gamma=" + gamma + ")";
    }
}
