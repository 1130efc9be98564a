package io.github.minidl.layers.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Schedules one after another, PyTorch's {@code SequentialLR}: schedule k runs from milestone
 * k − 1 on, restarted at its own epoch 0 from the initial rate (e.g. a {@link LinearLR} warm-up,
 * then {@link CosineAnnealingLR} from the full rate).
 */
public final class SequentialLR implements LrSchedule {
    private final List<LrSchedule> schedules;
    private final int[] milestones;

    /**
     * @param schedules at least one
     * @param milestones the epochs at which the next schedule starts, strictly increasing and
     *                   positive; one fewer than the schedules
     */
    public SequentialLR(List<LrSchedule> schedules, int... milestones) {
        if (schedules == null || schedules.isEmpty() || schedules.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("schedules must be a non-empty list without nulls");
        }
        if (milestones == null || milestones.length != schedules.size() - 1) {
            throw new IllegalArgumentException("milestones=" + Arrays.toString(milestones) + " must number one fewer "
                    + "than the " + schedules.size() + " schedules");
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= (i == 0 ? 0 : milestones[i - 1])) {
                throw new IllegalArgumentException("milestones=" + Arrays.toString(milestones)
                        + " must be positive and strictly increasing");
            }
        }
        this.schedules = List.copyOf(schedules);
        this.milestones = milestones.clone();
    }

    /** A warm-up of {@code epochs} epochs from {@code startFactor}·lr, then {@code next} from lr. */
    public static SequentialLR withWarmup(double startFactor, int epochs, LrSchedule next) {
        return new SequentialLR(List.of(LinearLR.warmup(startFactor, epochs), next), epochs);
    }

    @Override
    public double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        int k = 0;
        while (k < milestones.length && milestones[k] <= epoch) {
            k++;
        }
        return schedules.get(k).learningRate(k == 0 ? epoch : epoch - milestones[k - 1], initialLr);
    }

    @Override
    public String toString() {
        return "SequentialLR(" + schedules + ", milestones=" + Arrays.toString(milestones) + ")";
    }
}
