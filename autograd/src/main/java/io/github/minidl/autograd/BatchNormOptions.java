package io.github.minidl.autograd;

/**
 * Mode and constants of {@link F#batchNorm}.
 *
 * @param training use the batch statistics and update the running buffers (else use the buffers)
 * @param momentum weight of the new statistic in the running average (PyTorch's convention)
 * @param eps      added to the variance before the square root
 */
public record BatchNormOptions(boolean training, double momentum, double eps) {
    public BatchNormOptions {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps=" + eps + " must be non-negative");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
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

    /** These options with another eps. */
    public BatchNormOptions withEps(double e) {
        return new BatchNormOptions(training, momentum, e);
    }
}
