package io.github.minidl.autograd;

/**
 * The running state of a batch normalization, as PyTorch's {@code BatchNorm2d} keeps it; any
 * part may be null. {@link F#batchNorm(Tensor, BatchNormBuffers, Tensor, Tensor, BatchNormOptions)}
 * updates them in place in training mode.
 *
 * @param runningMean       [C], the running mean
 * @param runningVar        [C], the running unbiased variance
 * @param numBatchesTracked a LONG scalar counting training batches; needed for the cumulative
 *                          average ({@code momentum=None})
 */
public record BatchNormBuffers(Tensor runningMean, Tensor runningVar, Tensor numBatchesTracked) {
    /** No running statistics (PyTorch's {@code track_running_stats=False}). */
    public static BatchNormBuffers none() {
        return new BatchNormBuffers(null, null, null);
    }
}
