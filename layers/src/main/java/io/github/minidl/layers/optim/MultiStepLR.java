package io.github.minidl.layers.optim;

import java.util.Arrays;

/**
 * Decay at given epochs, PyTorch's {@code MultiStepLR}: the rate is multiplied by {@code gamma} at
 * each milestone, by {@code gamma^k} at a milestone listed k times.
 */
public final class MultiStepLR implements LrSchedule {
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
        Schedules.checkNonNegative("gamma", gamma);
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    /** PyTorch's recursive update: at epoch e, lr·gamma^(times e is listed). */
    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = initialLr;
        for (int e = 0; e <= epoch; e++) {
            int times = 0;
            for (int m : milestones) {
                times += m == e ? 1 : 0;
            }
            if (times > 0) {
                lr = lr * Math.pow(gamma, times);
            }
        }
        return lr;
    }

    @Override
    public String toString() {
        return "MultiStepLR(milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + ")";
    }
}
