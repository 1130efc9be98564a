package io.github.minidl.autograd;

/**
 * Mode and constants of {@link F#batchNorm}, in the order of {@code torch.nn.functional.batch_norm}
 * (training, momentum, eps).
 *
 * @param training use the batch statistics and update the running buffers (else use the buffers)
 * @param momentum weight of the new statistic in the running average (PyTorch's convention), in
 *                 [0, 1]; null for PyTorch's {@code momentum=None}, the cumulative moving average
 *                 {@code running += (batch - running) / numBatchesTracked}
 * @param eps      added to the variance before the square root; finite and positive
 */
public record BatchNormOptions(boolean training, Double momentum, double eps) {
    public BatchNormOptions {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps=" + eps + " must be finite and positive (a variance of 0"
                    + " would divide by zero)");
        }
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum=" + momentum + " must lie in [0, 1]");
        }
    }

    /** Training mode, momentum 0.1, eps 1e-5 (PyTorch's defaults). */
    public static BatchNormOptions train() {
        return new BatchNormOptions(true, 0.1, 1e-5);
    }

    /** Evaluation mode, momentum 0.1, eps 1e-5. */
    public static BatchNormOptions eval() {
        return new BatchNormOptions(false, 0.1, 1e-5);
    }

    /** These options with another momentum. */
    public BatchNormOptions withMomentum(double m) {
        return new BatchNormOptions(training, m, eps);
    }

    /** These options with the cumulative moving average (PyTorch's {@code momentum=None}). */
    public BatchNormOptions withCumulativeAverage() {
        return new BatchNormOptions(training, null, eps);
    }

    /** These options with another eps. */
    public BatchNormOptions withEps(double e) {
        return new BatchNormOptions(training, momentum, e);
    }

    /** True for the cumulative moving average. */
    public boolean cumulative() {
        return momentum == null;
    }
}
