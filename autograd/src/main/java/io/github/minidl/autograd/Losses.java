package io.github.minidl.autograd;

import java.util.Arrays;
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
        return nll(Activations.logSoftmax(logits, 1), target, reduction, labelSmoothing, "crossEntropy");
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
        Tensor q = labelSmoothing == 0 ? probabilities : probabilities.mul(1 - labelSmoothing).add(labelSmoothing / c);
        Tensor perSample = Activations.logSoftmax(logits, 1).mul(q).sum(1).neg();
        return reduce(perSample, reduction, perSample.numel());
    }

    /** −Σ_c q_c·logProbs_c per sample (no softmax applied here). */
    static Tensor nll(Tensor logProbs, INDArray target, Reduction reduction, double labelSmoothing, String op) {
        requireLogits(op, logProbs);
        requireSmoothing(labelSmoothing);
        long[] ls = logProbs.shape();
        long[] expected = new long[ls.length - 1];
        expected[0] = ls[0];
        System.arraycopy(ls, 2, expected, 1, ls.length - 2);
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
        int spatial = (int) (Nd.numel(ls) / ((long) samples * classes));
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
        Tensor weights = Tensor.of(Nd4j.createFromArray(q).reshape('c', ls).castTo(logProbs.dataType()));
        Tensor perSample = logProbs.mul(weights).sum(1).neg();
        return reduce(perSample, reduction, counted);
    }

    /** (input − target)², reduced over all elements. */
    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Nd.sameFloatType("mseLoss", input, target);
        requireSameShape("mseLoss", input, target);
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
        INDArray z = logits.data();
        INDArray loss = Transforms.max(z, 0, true).subi(z.mul(target.data()))
                .addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
        Tensor perElement = Node.record("binaryCrossEntropyWithLogits", loss, (gy, y, needs) -> new Tensor[] {
            needs[0] ? gy.mul(Activations.sigmoid(logits).sub(target)) : null,
            needs[1] ? gy.mul(logits).neg() : null}, logits, target);
        return reduce(perElement, reduction, logits.numel());
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
