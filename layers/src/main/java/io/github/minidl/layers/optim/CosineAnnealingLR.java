package io.github.minidl.layers.optim;

/**
 * Cosine annealing, PyTorch's {@code CosineAnnealingLR} (without restarts):
 * {@code lr(e) = etaMin + (initialLr − etaMin) · (1 + cos(π·e / tMax)) / 2}.
 *
 * <p>Past {@code tMax} the rate is not held at {@code etaMin}: it rises again, the schedule being a
 * cosine of period {@code 2·tMax}, exactly as in PyTorch. {@link #learningRate} reproduces
 * PyTorch's recursive, epoch-to-epoch update (what {@code scheduler.step()} computes);
 * {@link #closedForm} is the formula above. They agree to rounding (~1e-17 on rates of order 0.1).
 */
public final class CosineAnnealingLR implements LrSchedule {
    private final int tMax;
    private final double etaMin;

    /**
     * @param tMax epochs from the initial rate down to {@code etaMin}; positive
     * @param etaMin the minimum rate; finite, non-negative
     */
    public CosineAnnealingLR(int tMax, double etaMin) {
        Schedules.checkNonNegative("etaMin", etaMin);
        if (tMax <= 0) {
            throw new IllegalArgumentException("tMax=" + tMax + " must be positive");
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    /** PyTorch's recursive update, iterated from epoch 0 (O(epoch)). */
    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = initialLr;
        for (int e = 1; e <= epoch; e++) {
            if ((e - 1 - tMax) % (2 * tMax) == 0) {
                // At the trough the ratio below would divide by 1 + cos(π) = 0; PyTorch steps up instead.
                lr = lr + (initialLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lr = (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax))
                        * (lr - etaMin) + etaMin;
            }
        }
        return lr;
    }

    /** The closed form {@code etaMin + (initialLr − etaMin)·(1 + cos(π·e/tMax))/2}. */
    public double closedForm(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        return etaMin + (initialLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }

    /** Half the period, in epochs. */
    public int tMax() {
        return tMax;
    }

    /** The minimum rate. */
    public double etaMin() {
        return etaMin;
    }

    @Override
    public String toString() {
        return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ")";
    }
}
