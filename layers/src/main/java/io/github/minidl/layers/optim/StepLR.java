package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Step decay, PyTorch's {@code StepLR}: {@code lr(e) = initialLr · gamma^floor(e / stepSize)}.
 *
 * <p>Like PyTorch's {@code scheduler.step()}, the power is built by repeated multiplication (one
 * factor per completed step), so long runs round exactly as PyTorch's do.
 *
 * @param stepSize epochs between decays; positive
 * @param gamma the decay factor; finite, non-negative (0 drops the rate to 0 after one step)
 */
public record StepLR(int stepSize, double gamma) implements RecursiveSchedule {
    /** Checks the ranges. */
    public StepLR {
        RangeChecks.positive("stepSize", stepSize);
        RangeChecks.finiteNonNegative("gamma", gamma);
    }

    @Override
    public double next(int epoch, double lr, double initialLr) {
        return epoch % stepSize == 0 ? lr * gamma : lr;
    }

    @Override
    public String toString() {
        return "StepLR(stepSize=" + stepSize + ", gamma=" + gamma + ")";
    }
}
