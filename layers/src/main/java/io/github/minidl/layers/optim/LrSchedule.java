package io.github.minidl.layers.optim;

/**
 * A learning-rate schedule as a pure function of the epoch: {@code learningRate(e)} is the rate in
 * effect during epoch {@code e} (epoch 0 uses the base rate), as PyTorch's scheduler reports it
 * after {@code e} calls of {@code scheduler.step()}.
 */
public interface LrSchedule {

    /**
     * The learning rate during epoch {@code epoch}.
     *
     * @param epoch zero-based, non-negative
     * @throws IllegalArgumentException if {@code epoch < 0}
     */
    double learningRate(int epoch);

    /** The rate of epoch 0. */
    double baseLr();

    /** Rejects a negative epoch with a message naming it. */
    static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch=" + epoch + " must be non-negative");
        }
    }
}
