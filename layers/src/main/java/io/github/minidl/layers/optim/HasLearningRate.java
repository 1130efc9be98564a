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
}
