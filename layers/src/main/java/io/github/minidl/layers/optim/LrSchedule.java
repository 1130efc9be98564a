package io.github.minidl.layers.optim;

/**
 * A learning-rate schedule as a pure function of the epoch and the rate the run starts from:
 * {@code learningRate(e, initialLr)} is the rate in effect during epoch {@code e}, as PyTorch's
 * scheduler reports it after {@code e} calls of {@code scheduler.step()} on an optimiser whose
 * rate was {@code initialLr} when the scheduler was attached (PyTorch's {@code initial_lr}).
 */
public interface LrSchedule {

    /**
     * The learning rate during epoch {@code epoch}.
     *
     * @param epoch zero-based, non-negative
     * @param initialLr the optimiser's rate when the schedule was attached
     * @throws IllegalArgumentException if {@code epoch < 0}
     */
    double learningRate(int epoch, double initialLr);

    /** Rejects a negative epoch with a message naming it. */
    static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch=" + epoch + " must be non-negative");
        }
    }
}
