package io.github.minidl.examples.autoencoder;

import io.github.minidl.core.RangeChecks;

/**
 * Settings of an autoencoder run.
 *
 * @param epochs    passes over the training images, at least 1
 * @param batchSize images per step, at least 1
 * @param lr        Adam's learning rate, positive
 * @param seed      seeds the weights and the shuffling
 * @param limit     use at most this many training and test images (0: all)
 * @param decoder   how codes are brought back to image size
 */
public record AutoencoderOptions(int epochs, int batchSize, double lr, long seed, int limit, DecoderKind decoder) {
    /** Settings with the transposed-convolution decoder. */
    public AutoencoderOptions(int epochs, int batchSize, double lr, long seed, int limit) {
        this(epochs, batchSize, lr, seed, limit, DecoderKind.TRANSPOSED);
    }

    /** Checks the ranges; the messages name the fields. */
    public AutoencoderOptions {
        if (decoder == null) {
            throw new IllegalArgumentException("decoder must not be null");
        }
        RangeChecks.atLeast("epochs", epochs, 1);
        RangeChecks.atLeast("batchSize", batchSize, 1);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr=" + lr + " must be a positive number");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit=" + limit + " must be non-negative (0 means all images)");
        }
    }
}
