package io.github.minidl.layers.optim;

/**
 * Linear change of the rate's factor, PyTorch's {@code LinearLR}, e.g. a warm-up: the factor
 * goes from {@code startFactor} at epoch 0 to {@code endFactor} at epoch {@code totalIters} and
 * stays there, {@code lr(e) = initialLr · (start + (end − start)·min(e, totalIters)/totalIters)},
 * computed by PyTorch's recursive update.
 */
public final class LinearLR implements LrSchedule {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * PyTorch's order and ranges.
     *
     * @param startFactor the factor of epoch 0, in (0, 1]
     * @param endFactor the factor from epoch {@code totalIters} on, in [0, 1]
     * @param totalIters epochs of the change; positive
     */
    public LinearLR(double startFactor, double endFactor, int totalIters) {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("startFactor=" + startFactor + " must lie in (0, 1] (from 0, "
                    + "PyTorch's recursive update multiplies 0 by infinity)");
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("endFactor=" + endFactor + " must lie in [0, 1]");
        }
        if (totalIters <= 0) {
            throw new IllegalArgumentException("totalIters=" + totalIters + " must be positive");
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
    }

    /** A warm-up over {@code epochs} epochs from {@code startFactor}·lr to lr. */
    public static LinearLR warmup(double startFactor, int epochs) {
        return new LinearLR(startFactor, 1, epochs);
    }

    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = initialLr * startFactor;
        double change = endFactor - startFactor;
        for (int e = 1; e <= Math.min(epoch, totalIters); e++) {
            lr = lr * (1 + change / (totalIters * startFactor + (e - 1) * change));
        }
        return lr;
    }

    @Override
    public String toString() {
        return "LinearLR(startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters=" + totalIters + ")";
    }
}
