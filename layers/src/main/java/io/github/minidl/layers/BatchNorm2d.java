package io.github.minidl.layers;

import io.github.minidl.autograd.BatchNormBuffers;
import io.github.minidl.autograd.BatchNormOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over the channels of [N, C, H, W], PyTorch's {@code nn.BatchNorm2d}:
 * {@code y = (x - mean) / sqrt(var + eps) · weight + bias}. In training mode the batch statistics
 * are used (biased variance) and the running buffers move towards them,
 * {@code running = (1 - momentum)·running + momentum·batch} (unbiased variance), or with the
 * cumulative average {@code momentum = 1/num_batches_tracked}; in eval mode the running buffers
 * are used. Without running statistics the batch statistics are used in both modes.
 *
 * <p>Parameters {@code weight [C]} (ones), {@code bias [C]} (zeros) unless built without affine;
 * buffers {@code running_mean} (zeros), {@code running_var} (ones), {@code num_batches_tracked}
 * (int64) unless built without running statistics, as in PyTorch's state dict.
 *
 * <pre>{@code
 * BatchNorm2d bn = BatchNorm2d.builder(64).eps(1e-3).momentum(0.01).build();   // PyTorch's (eps, momentum)
 * }</pre>
 */
public final class BatchNorm2d extends LeafModule {
    private final int numFeatures;
    private final BatchNormOptions options;
    private final Parameter weight;
    private final Parameter bias;
    private final RunningStats runningStats;

    /**
     * The running statistics, PyTorch's buffers {@code running_mean [C]} (zeros),
     * {@code running_var [C]} (ones; unbiased) and {@code num_batches_tracked} (a LONG scalar):
     * all three or, without running statistics, none.
     */
    public record RunningStats(Buffer mean, Buffer var, Buffer numBatchesTracked) {
        BatchNormBuffers tensors() {
            return new BatchNormBuffers(mean.tensor(), var.tensor(), numBatchesTracked.tensor());
        }
    }

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics (PyTorch's defaults). */
    public BatchNorm2d(int numFeatures) {
        this(builder(numFeatures));
    }

    private BatchNorm2d(BatchNorm2dBuilder b) {
        this.numFeatures = Checks.positive("numFeatures", b.numFeatures);
        this.options = new BatchNormOptions(true, b.momentum, b.eps);
        weight = b.affine ? registerParameter("weight", Nd4j.ones(DataType.FLOAT, numFeatures)) : null;
        bias = b.affine ? registerParameter("bias", Nd4j.zeros(DataType.FLOAT, numFeatures)) : null;
        runningStats = b.trackRunningStats ? new RunningStats(
                registerBuffer("running_mean", Nd4j.zeros(DataType.FLOAT, numFeatures)),
                registerBuffer("running_var", Nd4j.ones(DataType.FLOAT, numFeatures)),
                registerBuffer("num_batches_tracked", Nd4j.scalar(DataType.LONG, 0))) : null;
    }

    /** Starts a layer over {@code numFeatures} channels with PyTorch's defaults. */
    public static BatchNorm2dBuilder builder(int numFeatures) {
        return new BatchNorm2dBuilder(numFeatures);
    }

    /**
     * @param x [N, numFeatures, H, W]; in training mode (or without running statistics) more
     *          than one value per channel
     * @return the normalised x, same shape
     */
    @Override
    protected Tensor compute(Tensor x) {
        DataType type = weight != null ? weight.dataType()
                : runningStats != null ? runningStats.mean().dataType() : null;
        Checks.image("BatchNorm2d", x, numFeatures, type);
        BatchNormBuffers buffers = runningStats == null ? BatchNormBuffers.none() : runningStats.tensors();
        return F.batchNorm(x, buffers, weight == null ? null : weight.tensor(), bias == null ? null : bias.tensor(),
                options());
    }

    /** The scale {@code [C]}, or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** The shift {@code [C]}, or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean, variance and batch count; empty without running statistics. */
    public Optional<RunningStats> runningStats() {
        return Optional.ofNullable(runningStats);
    }

    /**
     * eps, momentum (null for the cumulative average), and whether a forward now normalises with
     * the batch statistics: in training mode, and as in PyTorch in eval mode too without running statistics.
     */
    public BatchNormOptions options() {
        return new BatchNormOptions(isTraining() || runningStats == null, options.momentum(), options.eps());
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + options.eps() + ", momentum=" + (options.cumulative() ? "None" : options.momentum())
                + ", affine=" + (weight != null ? "True" : "False")
                + ", track_running_stats=" + (runningStats != null ? "True" : "False");
    }

    /**
     * Options of a {@link BatchNorm2d}, named as PyTorch's keyword arguments; PyTorch's defaults
     * until set (eps 1e-5, momentum 0.1, affine, tracking running statistics).
     */
    public static final class BatchNorm2dBuilder {
        private final int numFeatures;
        private double eps = 1e-5;
        private Double momentum = 0.1;
        private boolean affine = true;
        private boolean trackRunningStats = true;

        private BatchNorm2dBuilder(int numFeatures) {
            this.numFeatures = numFeatures;
        }

        /** Added to the variance; finite and positive. */
        public BatchNorm2dBuilder eps(double e) { eps = e; return this; }
        /** Weight of the new statistic in the running average, in [0, 1]. */
        public BatchNorm2dBuilder momentum(double m) { momentum = m; return this; }
        /** The cumulative moving average of all batches (PyTorch's {@code momentum=None}). */
        public BatchNorm2dBuilder cumulativeAverage() { momentum = null; return this; }
        /** No weight and bias (PyTorch's {@code affine=False}). */
        public BatchNorm2dBuilder withoutAffine() { affine = false; return this; }
        /** No running buffers; batch statistics in eval mode too ({@code track_running_stats=False}). */
        public BatchNorm2dBuilder withoutRunningStats() { trackRunningStats = false; return this; }

        /** Validates the options and builds the layer. */
        public BatchNorm2d build() {
            return new BatchNorm2d(this);
        }
    }
}
