package io.github.minidl.layers;

import io.github.minidl.autograd.BatchNormOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over the channels of [N, C, H, W], PyTorch's {@code nn.BatchNorm2d}:
 * {@code y = (x - mean) / sqrt(var + eps) · weight + bias}. In training mode the batch statistics
 * are used (biased variance) and the running buffers move towards them,
 * {@code running = (1 - momentum)·running + momentum·batch} (unbiased variance); in eval mode the
 * running buffers are used.
 *
 * <p>Parameters {@code weight [C]} (ones), {@code bias [C]} (zeros); buffers {@code running_mean}
 * (zeros), {@code running_var} (ones), {@code num_batches_tracked} (int64), as in PyTorch's state dict.
 */
public final class BatchNorm2d extends Module {
    private final int numFeatures;
    private final double momentum;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffer runningMean;
    private final Buffer runningVar;
    private final Buffer numBatchesTracked;

    /** Momentum 0.1, eps 1e-5. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 0.1, 1e-5);
    }

    /**
     * @param momentum weight of the new statistic, in [0, 1]
     * @param eps added to the variance, positive
     */
    public BatchNorm2d(int numFeatures, double momentum, double eps) {
        this.numFeatures = Checks.positive("numFeatures", numFeatures);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum=" + momentum + " must lie in [0, 1]");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps=" + eps + " must be finite and positive");
        }
        this.momentum = momentum;
        this.eps = eps;
        weight = registerParameter("weight", Nd4j.ones(DataType.FLOAT, numFeatures));
        bias = registerParameter("bias", Nd4j.zeros(DataType.FLOAT, numFeatures));
        runningMean = registerBuffer("running_mean", Nd4j.zeros(DataType.FLOAT, numFeatures));
        runningVar = registerBuffer("running_var", Nd4j.ones(DataType.FLOAT, numFeatures));
        numBatchesTracked = registerBuffer("num_batches_tracked", Nd4j.scalar(DataType.LONG, 0));
    }

    /**
     * @param x [N, numFeatures, H, W]; in training mode more than one value per channel
     * @return the normalised x, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        Checks.image("BatchNorm2d", x, numFeatures, weight.dataType());
        BatchNormOptions o = new BatchNormOptions(isTraining(), momentum, eps);
        Tensor y = F.batchNorm(x, runningMean.tensor(), runningVar.tensor(), weight.tensor(), bias.tensor(), o);
        if (isTraining()) {
            numBatchesTracked.data().addi(1);
        }
        return traced(x, y);
    }

    /** The scale {@code [C]}. */
    public Parameter weight() {
        return weight;
    }

    /** The shift {@code [C]}. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean {@code [C]}. */
    public Buffer runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance {@code [C]}. */
    public Buffer runningVar() {
        return runningVar;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=True, track_running_stats=True";
    }
}
