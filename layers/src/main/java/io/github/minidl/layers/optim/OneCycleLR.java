package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * The one-cycle policy, PyTorch's {@code OneCycleLR}, usually stepped once per batch: the rate
 * rises from {@code maxLr/divFactor} to {@code maxLr} over the first {@code pctStart} of
 * {@code totalSteps}, then falls to {@code maxLr/(divFactor·finalDivFactor)} (three phases: back
 * to the start rate first, then down), by cosine (default) or linear annealing.
 *
 * <p>As in PyTorch the schedule sets its own start rate and ignores the optimiser's. It changes
 * the learning rate only: PyTorch's {@code cycle_momentum} (momentum or β1 cycled inversely) is
 * not applied, which is PyTorch's {@code cycle_momentum=False}.
 */
public final class OneCycleLR implements LrSchedule {
    private final double maxLr;
    private final int totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean linear;
    private final boolean threePhase;

    /**
     * PyTorch's defaults: pctStart 0.3, cosine annealing, divFactor 25, finalDivFactor 1e4, two phases.
     *
     * @param maxLr the peak rate; finite, non-negative
     * @param totalSteps steps in the cycle; positive
     */
    public OneCycleLR(double maxLr, int totalSteps) {
        this(maxLr, totalSteps, 0.3, 25, 1e4, false, false);
    }

    private OneCycleLR(double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor,
                       boolean linear, boolean threePhase) {
        RangeChecks.finiteNonNegative("maxLr", maxLr);
        RangeChecks.positive("totalSteps", totalSteps);
        RangeChecks.inClosed("pctStart", pctStart, 0, 1);
        RangeChecks.finitePositive("divFactor", divFactor);
        RangeChecks.finitePositive("finalDivFactor", finalDivFactor);
        this.maxLr = maxLr;
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.linear = linear;
        this.threePhase = threePhase;
    }

    /** This schedule with the rising part taking {@code pct} of the steps. */
    public OneCycleLR withPctStart(double pct) {
        return new OneCycleLR(maxLr, totalSteps, pct, divFactor, finalDivFactor, linear, threePhase);
    }

    /** This schedule starting at {@code maxLr / factor}. */
    public OneCycleLR withDivFactor(double factor) {
        return new OneCycleLR(maxLr, totalSteps, pctStart, factor, finalDivFactor, linear, threePhase);
    }

    /** This schedule ending at {@code maxLr / (divFactor · factor)}. */
    public OneCycleLR withFinalDivFactor(double factor) {
        return new OneCycleLR(maxLr, totalSteps, pctStart, divFactor, factor, linear, threePhase);
    }

    /** This schedule with linear instead of cosine annealing. */
    public OneCycleLR withLinearAnnealing() {
        return new OneCycleLR(maxLr, totalSteps, pctStart, divFactor, finalDivFactor, true, threePhase);
    }

    /** This schedule in three phases: up, back down to the start rate, then down to the final rate. */
    public OneCycleLR withThreePhases() {
        return new OneCycleLR(maxLr, totalSteps, pctStart, divFactor, finalDivFactor, linear, true);
    }

    /**
     * The rate at step {@code step} (PyTorch's formula, phase by phase).
     *
     * @param initialLr ignored: the cycle starts at {@code maxLr / divFactor}
     * @throws IllegalArgumentException past {@code totalSteps}, as PyTorch refuses to step that far
     */
    @Override
    public double learningRate(int step, double initialLr) {
        LrSchedule.checkEpoch(step);
        if (step > totalSteps) {
            throw new IllegalArgumentException("step=" + step + " is past totalSteps=" + totalSteps
                    + " of this one-cycle schedule");
        }
        double start = maxLr / divFactor;
        double end = start / finalDivFactor;
        double[] ends = threePhase
                ? new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1}
                : new double[] {pctStart * totalSteps - 1, totalSteps - 1};
        double[] from = threePhase ? new double[] {start, maxLr, start} : new double[] {start, maxLr};
        double[] to = threePhase ? new double[] {maxLr, start, end} : new double[] {maxLr, end};
        double phaseStart = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                double pct = (step - phaseStart) / (ends[i] - phaseStart);
                return linear ? (to[i] - from[i]) * pct + from[i]
                        : to[i] + (from[i] - to[i]) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            }
            phaseStart = ends[i];
        }
        throw new AssertionError("the last phase always matches");
    }

    @Override
    public String toString() {
        return "OneCycleLR(maxLr=" + maxLr + ", totalSteps=" + totalSteps + ", pctStart=" + pctStart + ", "
                + (linear ? "linear" : "cos") + ", divFactor=" + divFactor + ", finalDivFactor=" + finalDivFactor
                + (threePhase ? ", threePhase" : "") + ")";
    }
}
