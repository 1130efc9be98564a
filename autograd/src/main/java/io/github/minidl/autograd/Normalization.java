package io.github.minidl.autograd;

import io.github.minidl.core.kernels.BatchNormGrads;
import io.github.minidl.core.kernels.BatchNormOutputs;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.core.kernels.NormKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Batch normalization (functional form, running buffers updated in place) and dropout. */
final class Normalization {
    private Normalization() {
    }

    /**
     * Batch norm over channel axis 1 of x [N, C, ...]. Training: batch statistics over every
     * other axis (biased variance in y, unbiased in the running variance), the counter advanced
     * before the running average takes the factor momentum, or 1/counter when momentum is null
     * (as PyTorch's module computes its exponential_average_factor); eval: the buffers.
     */
    static Tensor batchNorm(Tensor x, BatchNormBuffers buffers, Tensor weight, Tensor bias, BatchNormOptions o) {
        if (buffers == null || o == null) {
            throw new IllegalArgumentException("batchNorm: " + (o == null ? "options" : "buffers")
                    + " must not be null (BatchNormBuffers.none() for no running statistics)");
        }
        Tensor runningMean = buffers.runningMean();
        Tensor runningVar = buffers.runningVar();
        Nd.sameFloatType("batchNorm", x, runningMean, runningVar, weight, bias);
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input must be [N, C, ...]; got " + Arrays.toString(x.shape()));
        }
        long c = x.size(1);
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias}) {
            if (t != null && (t.rank() != 1 || t.size(0) != c)) {
                throw new IllegalArgumentException("batchNorm: input has " + c + " channels but a parameter or buffer"
                        + " has shape " + Arrays.toString(t.shape()) + "; expected [" + c + "]");
            }
        }
        int[] axes = statAxes(x.rank());
        long[] channelShape = channelShape(x.rank(), c);
        if (o.training()) {
            return training(x, buffers, weight, bias, o, axes, channelShape);
        }
        if (runningMean == null || runningVar == null) {
            throw new IllegalArgumentException("batchNorm: evaluation mode needs runningMean and runningVar");
        }
        requireNonNegative(runningVar);
        INDArray invStd = Transforms.pow(runningVar.data().add(o.eps()), -0.5, false);
        MemoryScope.track(invStd);
        Tensor scale = weight == null ? Tensor.of(invStd) : weight.mul(Tensor.of(invStd));
        Tensor shift = Tensor.of(runningMean.data()).mul(scale).neg();
        if (bias != null) {
            shift = shift.add(bias);
        }
        return x.mul(scale.reshape(channelShape)).add(shift.reshape(channelShape));
    }

    /** A negative variance has no square root: PyTorch returns NaN silently, minidl says which channel. */
    private static void requireNonNegative(Tensor runningVar) {
        double[] v = Nd.doubles(runningVar.data());
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw new IllegalArgumentException(String.format("batchNorm: runningVar[%d]=%s is negative; a"
                        + " variance must be >= 0 (the running statistics are corrupt)", i, v[i]));
            }
        }
    }

    /** The weight of the new batch statistic: momentum, or 1/counter (after counting this batch). */
    private static double averagingFactor(BatchNormBuffers buffers, BatchNormOptions o) {
        Tensor counter = buffers.numBatchesTracked();
        if (counter != null) {
            if (counter.dataType().isFPType() || counter.numel() != 1) {
                throw new IllegalArgumentException("batchNorm: numBatchesTracked must be an integer scalar; got "
                        + counter.dataType() + " " + Arrays.toString(counter.shape()));
            }
            counter.data().addi(1);
        }
        if (!o.cumulative()) {
            return o.momentum();
        }
        if (counter == null) {
            if (buffers.runningMean() != null || buffers.runningVar() != null) {
                throw new IllegalArgumentException("batchNorm: momentum=null (the cumulative average) needs"
                        + " numBatchesTracked to update the running statistics");
            }
            return 0;
        }
        return 1.0 / counter.data().getLong(0);
    }

    private static Tensor training(Tensor x, BatchNormBuffers buffers, Tensor weight, Tensor bias,
                                   BatchNormOptions o, int[] axes, long[] channelShape) {
        long n = x.numel() / x.size(1);
        if (n <= 1) {
            throw new IllegalArgumentException("batchNorm: training needs more than one value per channel; input "
                    + Arrays.toString(x.shape()) + " has " + n);
        }
        double eps = o.eps();
        BatchNormOutputs fused = NormKernels.batchNormTraining(x.data(), weight == null ? null : weight.data(),
                bias == null ? null : bias.data(), eps);
        BatchNormOutputs out = fused != null ? fused : elementwise(x, weight, bias, eps, axes, channelShape);
        updateRunningStatistics(buffers, o, out, n);
        if (fused != null) {
            // The fused backward takes the forward's statistics back.
            MemoryScope.track(out.mean());
            MemoryScope.track(out.variance());
        } else {
            NativeMemory.freeBlock(out.mean());
            NativeMemory.freeBlock(out.variance());
        }
        return Node.record("batchNorm", out.y(), (gy, y, needs) -> {
            if (fused != null && !GradMode.isEnabled()) {
                BatchNormGrads g = NormKernels.batchNormBackward(x.data(), gy.data(), fused,
                        weight == null ? null : weight.data(), bias == null ? null : bias.data(), eps);
                if (g != null) {
                    return new Tensor[] {needs[0] ? Tensor.of(g.input()) : free(g.input()),
                        weight != null && needs[1] ? Tensor.of(g.weight()) : free(g.weight()),
                        bias != null && needs[2] ? Tensor.of(g.bias()) : free(g.bias())};
                }
            }
            // Statistics are recomputed from x with recorded ops, so the gradient is differentiable in x again.
            Tensor xc = x.sub(x.meanKeepDim(axes));
            Tensor inv = xc.mul(xc).meanKeepDim(axes).add(eps).pow(-0.5);
            Tensor xhat = xc.mul(inv);
            Tensor gx = null;
            if (needs[0]) {
                Tensor scale = weight == null ? inv : inv.mul(weight.reshape(channelShape));
                gx = gy.sub(gy.meanKeepDim(axes)).sub(xhat.mul(gy.mul(xhat).meanKeepDim(axes))).mul(scale);
            }
            return new Tensor[] {gx,
                needs[1] ? gy.mul(xhat).sum(axes) : null,
                needs[2] ? gy.sum(axes) : null};
        }, x, weight, bias);
    }

    /** Frees a gradient nobody asked for (null is ignored); the slot stays empty. */
    private static Tensor free(INDArray unused) {
        NativeMemory.free(unused);
        return null;
    }

    /** The training forward from libnd4j's elementwise ops, for float64 and where no engine fuses it. */
    private static BatchNormOutputs elementwise(Tensor x, Tensor weight, Tensor bias, double eps, int[] axes,
                                                long[] channelShape) {
        long c = x.size(1);
        INDArray mean = x.data().mean(true, axes);
        INDArray centered = x.data().sub(mean);
        INDArray squares = centered.mul(centered);
        INDArray var = squares.mean(true, axes);
        NativeMemory.free(squares);
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray y = centered.muli(invStd);
        NativeMemory.free(invStd);
        if (weight != null) {
            y.muli(weight.data().reshape('c', channelShape));
        }
        if (bias != null) {
            y.addi(bias.data().reshape('c', channelShape));
        }
        return new BatchNormOutputs(y, mean.reshape(c), var.reshape(c));
    }

    /** running = (1 - m)·running + m·batch, with the unbiased variance, for the buffers there are. */
    private static void updateRunningStatistics(BatchNormBuffers buffers, BatchNormOptions o, BatchNormOutputs out,
                                                long n) {
        double m = averagingFactor(buffers, o);
        if (buffers.runningMean() != null) {
            INDArray step = out.mean().mul(m);
            buffers.runningMean().data().muli(1 - m).addi(step);
            NativeMemory.free(step);
        }
        if (buffers.runningVar() != null) {
            INDArray step = out.variance().mul(m * n / (n - 1.0));
            buffers.runningVar().data().muli(1 - m).addi(step);
            NativeMemory.free(step);
        }
    }

    private static int[] statAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }

    private static long[] channelShape(int rank, long c) {
        long[] s = new long[rank];
        Arrays.fill(s, 1);
        s[1] = c;
        return s;
    }

    /** Zeroes each element with probability p and scales the rest by 1/(1 - p). */
    static Tensor dropout(Tensor x, double p, SplittableRandom rng) {
        Nd.sameFloatType("dropout", x);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: p=" + p + " must lie in [0, 1]");
        }
        if (rng == null) {
            throw new IllegalArgumentException("dropout: rng must not be null");
        }
        if (p == 0) {
            return x;
        }
        double[] mask = new double[(int) x.numel()];
        double keep = 1 - p;
        double scale = p == 1 ? 0 : 1 / keep;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < keep ? scale : 0;
        }
        INDArray m = Nd.array(mask, x.dataType(), x.shape());
        // The mask lives as long as the step: the backward (any order) multiplies by it.
        MemoryScope.track(m);
        return Node.record("dropout", x.data().mul(m), (gy, y, needs) -> new Tensor[] {gy.mul(Tensor.of(m))}, x);
    }
}
