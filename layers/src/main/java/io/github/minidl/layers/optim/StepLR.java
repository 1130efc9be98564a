package io.github.minidl.layers.optim;

/**
 * Step decay, PyTorch's {@code StepLR}: {@code lr(e) = baseLr · gamma^floor(e / stepSize)}.
 *
 * <p>Like PyTorch's {@code scheduler.step()}, the power is built by repeated multiplication (one
 * factor per completed step), so long runs round exactly as PyTorch's do.
 */
public final class StepLR implements LrSchedule {
    private final double baseLr;
    private final int stepSize;
    private final double gamma;

    /**
     * @param baseLr the rate of the first {@code stepSize} epochs; finite, non-negative
     * @param stepSize epochs between decays; positive
     * @param gamma the decay factor; finite, positive
     */
    public StepLR(double baseLr, int stepSize, double gamma) {
        Schedules.checkRate("baseLr", baseLr);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("stepSize=" + stepSize + " must be positive");
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma=" + gamma + " must be finite and positive");
        }
        this.baseLr = baseLr;
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch) {
        LrSchedule.checkEpoch(epoch);
        double lr = baseLr;
        for (int k = epoch / stepSize; k > 0; k--) {
            lr *= gamma;
        }
        return lr;
    }

    @Override
    public double baseLr() {
        return baseLr;
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
        return "StepLR(baseLr=" + baseLr + ", stepSize=" + stepSize + ", gamma=" + gamma + ")";
    }
}
