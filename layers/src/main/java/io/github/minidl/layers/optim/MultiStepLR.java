package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;
import java.util.Arrays;

/**
 * Decay at given epochs, PyTorch's {@code MultiStepLR}: the rate is multiplied by {@code gamma} at
 * each milestone, by {@code gamma^k} at a milestone listed k times.
 */
public final class MultiStepLR implements RecursiveSchedule {
    private final int[] milestones;
    private final double gamma;

    /**
     * @param milestones epochs at which the rate decays, non-negative, any order, repeats allowed
     * @param gamma the factor per milestone; finite, non-negative
     */
    public MultiStepLR(int[] milestones, double gamma) {
        if (milestones == null) {
            throw new IllegalArgumentException("milestones must not be null");
        }
        for (int m : milestones) {
            if (m < 0) {
                throw new IllegalArgumentException("milestones=" + Arrays.toString(milestones)
                        + " must be non-negative epochs");
            }
        }
        RangeChecks.finiteNonNegative("gamma", gamma);
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    /** The rate of epoch 0: decayed already when 0 is a milestone, as in PyTorch. */
    @Override
    public double first(double initialLr) {
        return next(0, initialLr, initialLr);
    }

    /** PyTorch's recursive update: at epoch e, lr·gamma^(times e is listed). */
    @Override
    public double next(int epoch, double lr, double initialLr) {
        int times = 0;
        for (int m : milestones) {
            times += m == epoch ? 1 : 0;
        }
        return times > 0 ? lr * Math.pow(gamma, times) : lr;
    }

    @Override
    public String toString() {
        return "MultiStepLR(milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + ")";
    }
}
