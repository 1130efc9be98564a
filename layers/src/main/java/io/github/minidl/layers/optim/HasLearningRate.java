package io.github.minidl.layers.optim;

/** Something whose learning rate a schedule can read and set, typically an optimiser. */
public interface HasLearningRate {

    /** The learning rate the next update uses. */
    double learningRate();

    /**
     * Sets the learning rate of the following updates.
     *
     * @param learningRate finite and non-negative
     */
    void setLearningRate(double learningRate);

    /**
     * The rate schedules start from, PyTorch's {@code initial_lr}: NaN until the first
     * {@link LrScheduler} attached records the rate it found; an optimiser keeps it in its state,
     * so a schedule attached after a restore starts from the same rate.
     */
    double initialLearningRate();

    /** Records the rate schedules start from (NaN: none yet). */
    void setInitialLearningRate(double initialLearningRate);
}
