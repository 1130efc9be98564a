package io.github.minidl.layers.optim;

import java.util.Objects;

/**
 * Applies an {@link LrSchedule} to a target epoch by epoch, like a PyTorch scheduler: the schedule
 * starts from the target's own rate (PyTorch's {@code initial_lr}), construction sets the rate of
 * epoch 0, each {@link #step()} moves to the next epoch and sets its rate.
 *
 * <pre>{@code
 * var optimizer = new SGD(model.parameters(), SgdOptions.lr(0.1));
 * var scheduler = new LrScheduler(optimizer, new StepLR(30, 0.1));   // 0.1, then 0.01 from epoch 30
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(optimizer);
 *     scheduler.step();
 * }
 * }</pre>
 *
 * <p>The first scheduler attached records the target's rate as its
 * {@link HasLearningRate#initialLearningRate()}, which an optimiser keeps in its saved state; a
 * scheduler attached later (e.g. after restoring a checkpoint) starts from that recorded rate,
 * so a resumed run only needs {@link #setEpoch} with the saved epoch.
 */
public final class LrScheduler {
    private final HasLearningRate target;
    private final LrSchedule schedule;
    private final double initialLr;
    private int epoch;

    /** Starts at epoch 0 and sets the target's rate to the schedule's rate of epoch 0. */
    public LrScheduler(HasLearningRate target, LrSchedule schedule) {
        this.target = Objects.requireNonNull(target, "target");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (Double.isNaN(target.initialLearningRate())) {
            target.setInitialLearningRate(target.learningRate());
        }
        this.initialLr = target.initialLearningRate();
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
        double lr = schedule.learningRate(epoch, initialLr);
        this.epoch = epoch;
        target.setLearningRate(lr);
    }

    /** The current epoch (the number of {@link #step()} calls since epoch 0). */
    public int epoch() {
        return epoch;
    }

    /** The rate of the current epoch. */
    public double learningRate() {
        return schedule.learningRate(epoch, initialLr);
    }

    /** The rate the schedule starts from (PyTorch's {@code initial_lr}). */
    public double initialLearningRate() {
        return initialLr;
    }

    /** The schedule applied. */
    public LrSchedule schedule() {
        return schedule;
    }
}
