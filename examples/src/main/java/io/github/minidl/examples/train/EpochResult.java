package io.github.minidl.examples.train;

/**
 * What one epoch gave.
 *
 * @param epoch one-based
 * @param trainLoss mean training loss over the epoch's steps (in training mode)
 * @param trainAccuracy fraction of training images classified right while training
 * @param test the evaluation on the test set after the epoch
 * @param seconds wall time of the epoch's training steps (without evaluation)
 * @param images training images seen in the epoch
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, Evaluation test, double seconds,
                          long images) {
    /** Training throughput in images per second. */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : Double.NaN;
    }
}
