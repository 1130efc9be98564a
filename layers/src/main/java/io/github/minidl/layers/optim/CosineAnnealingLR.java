package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Cosine annealing, PyTorch's {@code CosineAnnealingLR} (without restarts):
 * {@code lr(e) = etaMin + (initialLr − etaMin) · (1 + cos(π·e / tMax)) / 2}.
 *
 * <p>Past {@code tMax} the rate is not held at {@code etaMin}: it rises again, the schedule being a
 * cosine of period {@code 2·tMax}, exactly as in PyTorch. {@link #learningRate} reproduces
 * PyTorch's recursive, epoch-to-epoch update (what {@code scheduler.step()} computes);
 * {@link #closedForm} is the formula above. They agree to rounding (~1e-17 on rates of order 0.1).
 *
 * @param tMax epochs from the initial rate down to {@code etaMin} (half the period); positive
 * @param etaMin the minimum rate; finite, non-negative
 */
public record CosineAnnealingLR(int tMax, double etaMin) implements RecursiveSchedule {
    /** Checks the ranges. */
    public CosineAnnealingLR {
        RangeChecks.finiteNonNegative("etaMin", etaMin);
        RangeChecks.positive("tMax", tMax);
    }

    /** The closed form {@code etaMin + (initialLr − etaMin)·(1 + cos(π·e/tMax))/2}. */
    public double closedForm(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        return etaMin + (initialLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }

    /** PyTorch's recursive update. */
    @Override
    public double next(int e, double lr, double initialLr) {
        if ((e - 1 - tMax) % (2 * tMax) == 0) {
            // At the trough the ratio below would divide by 1 + cos(π) = 0; PyTorch steps up instead.
            return lr + (initialLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin) + etaMin;
    }

    @Override
    public String toString() {
        return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ")";
    }
}
