package io.github.minidl.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Losses from logits: cross-entropy (class indices or probabilities), NLL, MSE, BCE with logits. */
final class Losses {
    /** PyTorch's default ignore_index. */
    static final long IGNORE_INDEX = -100;

    private Losses() {
    }

    /**
     * −Σ_c q_c·log_softmax(z)_c per sample with q = (1 − ε)·onehot(target) + ε/C, reduced.
     * Targets equal to -100 are ignored (left out of sum and mean).
     */
    static Tensor crossEntropy(Tensor logits, INDArray target, Reduction reduction, double labelSmoothing) {
        requireLogits("crossEntropy", logits);
        if (logits.numel() == 0) {
            requireSmoothing(labelSmoothing);
            targetWeights(logits.shape(), target, labelSmoothing, "crossEntropy");
            return emptyLoss("crossEntropy", reduction, target.shape(), logits);
        }
        if (logits.rank() == 2) {
            return crossEntropy2d(logits, target, reduction, labelSmoothing);
        }
        return nll(Activations.logSoftmax(logits, 1), target, reduction, labelSmoothing, "crossEntropy");
    }

    /**
     * Cross-entropy of [N, C] logits as one op: the loss and its first-order gradient
     * {@code gy·(softmax(z)·Σq − q)} are computed on the host in float64, where the composed
     * form takes a dozen ND4J ops on arrays of a few hundred elements (a millisecond each way
     * per training step). A graph of the backward (second order) is built from differentiable ops.
     */
    private static Tensor crossEntropy2d(Tensor logits, INDArray target, Reduction reduction, double labelSmoothing) {
        requireSmoothing(labelSmoothing);
        TargetWeights t = targetWeights(logits.shape(), target, labelSmoothing, "crossEntropy");
        int n = (int) logits.size(0);
        int c = (int) logits.size(1);
        double[] z = Nd.doubles(logits.data());
        double[] softmax = new double[z.length];
        double[] perSample = new double[n];
        // Σ_k q_k per sample: 1 for a counted sample, 0 for an ignored one.
        double[] qSum = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, z[i * c + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                softmax[i * c + k] = Math.exp(z[i * c + k] - max);
                sum += softmax[i * c + k];
            }
            double logSum = max + Math.log(sum);
            double loss = 0;
            for (int k = 0; k < c; k++) {
                softmax[i * c + k] /= sum;
                double q = t.q[i * c + k];
                qSum[i] += q;
                if (q != 0) {
                    loss -= q * (z[i * c + k] - logSum);
                }
            }
            perSample[i] = loss;
        }
        double[] loss = switch (reduction) {
            case NONE -> perSample;
            case SUM -> new double[] {sum(perSample)};
            case MEAN -> new double[] {sum(perSample) / t.counted};
        };
        INDArray y = Nd4j.createFromArray(loss).castTo(logits.dataType());
        if (reduction != Reduction.NONE) {
            y = y.reshape();
        }
        return Node.record("crossEntropy", y, (gy, out, needs) -> {
            double scale = reduction == Reduction.MEAN ? 1.0 / t.counted : 1.0;
            if (GradMode.isEnabled()) {
                Tensor weights = Tensor.of(Nd4j.createFromArray(t.q).reshape(n, c).castTo(logits.dataType()));
                Tensor rowSums = Tensor.of(Nd4j.createFromArray(qSum).reshape(n, 1).castTo(logits.dataType()));
                Tensor g = reduction == Reduction.NONE ? gy.reshape(n, 1) : gy.reshape(1, 1);
                Tensor dz = Activations.softmax(logits, 1).mul(rowSums).sub(weights);
                return new Tensor[] {dz.mul(g).mul(scale)};
            }
            double[] g = Nd.doubles(gy.data());
            double[] gz = new double[z.length];
            for (int i = 0; i < n; i++) {
                double factor = scale * (reduction == Reduction.NONE ? g[i] : g[0]);
                for (int k = 0; k < c; k++) {
                    gz[i * c + k] = factor * (softmax[i * c + k] * qSum[i] - t.q[i * c + k]);
                }
            }
            return new Tensor[] {Tensor.of(Nd4j.createFromArray(gz).reshape(n, c).castTo(logits.dataType()))};
        }, logits);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The target distribution q per (sample, class, position) and how many positions count (not ignored). */
    private record TargetWeights(double[] q, long counted) {
    }

    /** Cross-entropy against class probabilities [N, C, ...] (soft targets, PyTorch ≥ 1.10). */
    static Tensor crossEntropy(Tensor logits, Tensor probabilities, Reduction reduction, double labelSmoothing) {
        requireLogits("crossEntropy", logits);
        if (!probabilities.dataType().isFPType()) {
            return crossEntropy(logits, probabilities.data(), reduction, labelSmoothing);
        }
        requireSmoothing(labelSmoothing);
        Nd.sameFloatType("crossEntropy", logits, probabilities);
        if (!Arrays.equals(logits.shape(), probabilities.shape())) {
            throw new IllegalArgumentException("crossEntropy: probability targets " + Arrays.toString(probabilities.shape())
                    + " must have the logits' shape " + Arrays.toString(logits.shape()));
        }
        long c = logits.size(1);
        if (logits.numel() == 0) {
            return emptyLoss("crossEntropy", reduction, perSampleShape(logits.shape()), logits, probabilities);
        }
        Tensor q = labelSmoothing == 0 ? probabilities : probabilities.mul(1 - labelSmoothing).add(labelSmoothing / c);
        Tensor perSample = Activations.logSoftmax(logits, 1).mul(q).sum(1).neg();
        return reduce(perSample, reduction, perSample.numel());
    }

    /** −Σ_c q_c·logProbs_c per sample (no softmax applied here). */
    static Tensor nll(Tensor logProbs, INDArray target, Reduction reduction, double labelSmoothing, String op) {
        requireLogits(op, logProbs);
        requireSmoothing(labelSmoothing);
        long[] ls = logProbs.shape();
        TargetWeights t = targetWeights(ls, target, labelSmoothing, op);
        if (logProbs.numel() == 0) {
            return emptyLoss(op, reduction, target.shape(), logProbs);
        }
        Tensor weights = Tensor.of(Nd4j.createFromArray(t.q).reshape('c', ls).castTo(logProbs.dataType()));
        Tensor perSample = logProbs.mul(weights).sum(1).neg();
        return reduce(perSample, reduction, t.counted);
    }

    /**
     * q = (1 − ε)·onehot(target) + ε/C for input shape {@code ls} [N, C, ...], with the checks on
     * the target; positions whose target is -100 get q = 0 and do not count.
     */
    private static TargetWeights targetWeights(long[] ls, INDArray target, double labelSmoothing, String op) {
        long[] expected = perSampleShape(ls);
        if (target == null || !Arrays.equals(target.shape(), expected)) {
            throw new IllegalArgumentException(op + ": target must have shape " + Arrays.toString(expected)
                    + " (class indices) for input " + Arrays.toString(ls) + "; got "
                    + (target == null ? "null" : Arrays.toString(target.shape())));
        }
        if (target.dataType().isFPType()) {
            throw new IllegalArgumentException(op + ": class-index targets must be an integer array; got "
                    + target.dataType() + " (pass probabilities as a Tensor of the input's shape instead)");
        }
        int classes = (int) ls[1];
        int samples = (int) ls[0];
        int spatial = (int) Nd.numel(Arrays.copyOfRange(ls, 2, ls.length));
        long[] t = target.dup('c').data().asLong();
        double[] q = new double[(int) Nd.numel(ls)];
        long counted = 0;
        for (int n = 0; n < samples; n++) {
            for (int s = 0; s < spatial; s++) {
                long k = t[n * spatial + s];
                if (k == IGNORE_INDEX) {
                    continue;
                }
                if (k < 0 || k >= classes) {
                    throw new IllegalArgumentException(String.format("%s: target %d at position %d is not a class"
                            + " index in [0, %d)", op, k, n * spatial + s, classes));
                }
                counted++;
                for (int c = 0; c < classes; c++) {
                    q[(n * classes + c) * spatial + s] = labelSmoothing / classes;
                }
                q[(int) ((n * classes + k) * spatial + s)] += 1 - labelSmoothing;
            }
        }
        return new TargetWeights(q, counted);
    }

    /** [N, C, d1, ...] without the class axis: [N, d1, ...]. */
    private static long[] perSampleShape(long[] ls) {
        long[] out = new long[ls.length - 1];
        out[0] = ls[0];
        System.arraycopy(ls, 2, out, 1, ls.length - 2);
        return out;
    }

    /** (input − target)², reduced over all elements. */
    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Nd.sameFloatType("mseLoss", input, target);
        requireSameShape("mseLoss", input, target);
        if (input.numel() == 0) {
            return emptyLoss("mseLoss", reduction, input.shape(), input, target);
        }
        Tensor d = input.sub(target);
        return reduce(d.mul(d), reduction, input.numel());
    }

    /**
     * max(z, 0) − z·t + log(1 + e^−|z|) per element (stable for large |z|); gradient
     * (sigmoid(z) − t)·gy for the logits and −z·gy for the target.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        Nd.sameFloatType("binaryCrossEntropyWithLogits", logits, target);
        requireSameShape("binaryCrossEntropyWithLogits", logits, target);
        if (logits.numel() == 0) {
            return emptyLoss("binaryCrossEntropyWithLogits", reduction, logits.shape(), logits, target);
        }
        INDArray z = logits.data();
        INDArray loss = Transforms.max(z, 0, true).subi(z.mul(target.data()))
                .addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
        Tensor perElement = Node.record("binaryCrossEntropyWithLogits", loss, (gy, y, needs) -> new Tensor[] {
            needs[0] ? gy.mul(Activations.sigmoid(logits).sub(target)) : null,
            needs[1] ? gy.mul(logits).neg() : null}, logits, target);
        return reduce(perElement, reduction, logits.numel());
    }

    /**
     * A loss over no elements, as PyTorch gives it: NaN for the mean (0/0), 0 for the sum and an
     * empty tensor of shape {@code noneShape} unreduced. ND4J's element-wise ops refuse empty
     * arrays, so this is made directly; its gradients are the inputs' (empty) zeros.
     */
    private static Tensor emptyLoss(String op, Reduction reduction, long[] noneShape, Tensor... inputs) {
        DataType type = inputs[0].dataType();
        INDArray y = switch (reduction) {
            case NONE -> Nd4j.create(type, noneShape);
            case SUM -> Nd4j.scalar(0.0).castTo(type);
            case MEAN -> Nd4j.scalar(Double.NaN).castTo(type);
        };
        return Node.record(op, y, (gy, out, needs) -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = needs[i] ? Tensor.zeros(inputs[i].dataType(), inputs[i].shape()) : null;
            }
            return grads;
        }, inputs);
    }

    private static Tensor reduce(Tensor perElement, Reduction reduction, long count) {
        return switch (reduction) {
            case NONE -> perElement;
            case SUM -> perElement.sum();
            case MEAN -> perElement.sum().div((double) count);
        };
    }

    private static void requireLogits(String op, Tensor logits) {
        if (logits == null || logits.rank() < 2) {
            throw new IllegalArgumentException(op + ": input must be [N, C] or [N, C, ...]; got "
                    + (logits == null ? "null" : Arrays.toString(logits.shape())));
        }
        if (logits.size(1) == 0) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(logits.shape())
                    + " has 0 classes (dimension 1); there must be at least one class");
        }
        Nd.sameFloatType(op, logits);
    }

    private static void requireSmoothing(double eps) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("labelSmoothing=" + eps + " must lie in [0, 1]");
        }
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " must have the same shape");
        }
    }
}
