package io.github.minidl.layers.optim;

import java.util.Objects;

/**
 * Applies an {@link LrSchedule} to a target epoch by epoch, like a PyTorch scheduler: construction
 * sets the rate of epoch 0, each {@link #step()} moves to the next epoch and sets its rate.
 *
 * <pre>{@code
 * var scheduler = new LrScheduler(optimizer, new StepLR(0.1, 30, 0.1));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(optimizer);
 *     scheduler.step();
 * }
 * }</pre>
 *
 * <p>The only state is the epoch, so a resumed run calls {@link #setEpoch} with the saved value.
 */
public final class LrScheduler {
    private final HasLearningRate target;
    private final LrSchedule schedule;
    private int epoch;

    /** Starts at epoch 0 and sets the target's rate to {@code schedule.learningRate(0)}. */
    public LrScheduler(HasLearningRate target, LrSchedule schedule) {
        this.target = Objects.requireNonNull(target, "target");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        setEpoch(0);
    }

    /** Ends the current epoch: moves to the next and sets its rate on the target. */
    public void step() {
        if (epoch == Integer.MAX_VALUE) {
            throw new IllegalStateException("epoch counter overflow at epoch=" + epoch);
        }
        setEpoch(epoch + 1);
    }

    /**
     * Jumps to {@code epoch} (e.g. when resuming) and sets its rate on the target.
     *
     * @param epoch non-negative
     */
    public void setEpoch(int epoch) {
        double lr = schedule.learningRate(epoch);
        this.epoch = epoch;
        target.setLearningRate(lr);
    }

    /** The current epoch (the number of {@link #step()} calls since epoch 0). */
    public int epoch() {
        return epoch;
    }

    /** The rate of the current epoch. */
    public double learningRate() {
        return schedule.learningRate(epoch);
    }

    /** The schedule applied. */
    public LrSchedule schedule() {
        return schedule;
    }
}
