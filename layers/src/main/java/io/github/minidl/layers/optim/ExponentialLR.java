package io.github.minidl.layers.optim;

/**
 * Exponential decay, PyTorch's {@code ExponentialLR}: {@code lr(e) = initialLr · gamma^e}, built by
 * repeated multiplication as PyTorch's {@code scheduler.step()} does.
 */
public final class ExponentialLR implements LrSchedule {
    private final double gamma;

    /** @param gamma the factor per epoch; finite, non-negative */
    public ExponentialLR(double gamma) {
        Schedules.checkNonNegative("gamma", gamma);
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = initialLr;
        for (int e = 1; e <= epoch; e++) {
            lr *= gamma;
        }
        return lr;
    }

    @Override
    public String toString() {
        return "ExponentialLR(gamma=" + gamma + ")";
    }
}
