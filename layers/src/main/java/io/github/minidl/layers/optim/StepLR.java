package io.github.minidl.layers.optim;

/**
 * Step decay, PyTorch's {@code StepLR}: {@code lr(e) = initialLr · gamma^floor(e / stepSize)}.
 *
 * <p>Like PyTorch's {@code scheduler.step()}, the power is built by repeated multiplication (one
 * factor per completed step), so long runs round exactly as PyTorch's do.
 */
public final class StepLR implements LrSchedule {
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize epochs between decays; positive
     * @param gamma the decay factor; finite, non-negative (0 drops the rate to 0 after one step)
     */
    public StepLR(int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("stepSize=" + stepSize + " must be positive");
        }
        Schedules.checkNonNegative("gamma", gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = initialLr;
        for (int k = epoch / stepSize; k > 0; k--) {
            lr *= gamma;
        }
        return lr;
    }

    /** Epochs between decays. */
    public int stepSize() {
        return stepSize;
    }

    /** The decay factor. */
    public double gamma() {
        return gamma;
    }

    @Override
    public String toString() {
        return "StepLR(stepSize=" + stepSize + ", gamma=" + gamma + ")";
    }
}
