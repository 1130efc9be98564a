package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Linear change of the rate's factor, PyTorch's {@code LinearLR}, e.g. a warm-up: the factor
 * goes from {@code startFactor} at epoch 0 to {@code endFactor} at epoch {@code totalIters} and
 * stays there, {@code lr(e) = initialLr · (start + (end − start)·min(e, totalIters)/totalIters)},
 * computed by PyTorch's recursive update. PyTorch's order and ranges.
 *
 * @param startFactor the factor of epoch 0, in (0, 1]
 * @param endFactor the factor from epoch {@code totalIters} on, in [0, 1]
 * @param totalIters epochs of the change; positive
 */
public record LinearLR(double startFactor, double endFactor, int totalIters) implements RecursiveSchedule {
    /** Checks the ranges. */
    public LinearLR {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("startFactor=" + startFactor + " must lie in (0, 1] (from 0, "
                    + "PyTorch's recursive update multiplies 0 by infinity)");
        }
        RangeChecks.inClosed("endFactor", endFactor, 0, 1);
        RangeChecks.positive("totalIters", totalIters);
    }

    /** A warm-up over {@code epochs} epochs from {@code startFactor}·lr to lr. */
    public static LinearLR warmup(double startFactor, int epochs) {
        return new LinearLR(startFactor, 1, epochs);
    }

    @Override
    public double first(double initialLr) {
        return initialLr * startFactor;
    }

    /** PyTorch's recursive update: the factor's change spread over epochs 1 to {@code totalIters}. */
    @Override
    public double next(int epoch, double lr, double initialLr) {
        if (epoch > totalIters) {
            return lr;
        }
        double change = endFactor - startFactor;
        return lr * (1 + change / (totalIters * startFactor + (epoch - 1) * change));
    }

    @Override
    public String toString() {
        return "LinearLR(startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters=" + totalIters + ")";
    }
}
