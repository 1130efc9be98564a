package io.github.minidl.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Losses from logits: cross-entropy (class indices or probabilities), NLL, MSE, BCE with logits. */
final class Losses {
    private Losses() {
    }

    /**
     * −Σ_c q_c·log_softmax(z)_c per sample with q_c = w_c·((1 − ε)·onehot(target)_c + ε/C), reduced;
     * the mean divides by Σ w[target] over the targets not ignored (PyTorch's weighted mean).
     */
    static Tensor crossEntropy(Tensor logits, INDArray target, ClassLossOptions o) {
        requireLogits("crossEntropy", logits);
        requireOptions(o);
        if (logits.numel() == 0) {
            targetWeights(logits, target, o, "crossEntropy");
            return emptyLoss("crossEntropy", o.reduction(), target.shape(), logits);
        }
        if (logits.rank() == 2) {
            return crossEntropy2d(logits, target, o);
        }
        return nllOf(Activations.logSoftmax(logits, 1), target, o, "crossEntropy");
    }

    /**
     * Cross-entropy of [N, C] logits as one op: the loss and its first-order gradient
     * {@code gy·(softmax(z)·Σq − q)} are computed on the host in float64, where the composed
     * form takes a dozen ND4J ops on arrays of a few hundred elements (a millisecond each way
     * per training step). A graph of the backward (second order) is built from differentiable ops.
     */
    private static Tensor crossEntropy2d(Tensor logits, INDArray target, ClassLossOptions o) {
        Reduction reduction = o.reduction();
        TargetWeights t = targetWeights(logits, target, o, "crossEntropy");
        int n = (int) logits.size(0);
        int c = (int) logits.size(1);
        double[] z = Nd.doubles(logits.data());
        double[] softmax = new double[z.length];
        double[] perSample = new double[n];
        // Σ_k q_k per sample: its weight (1 unweighted) when counted, 0 when ignored.
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
            case MEAN -> new double[] {sum(perSample) / t.total};
        };
        INDArray y = Nd.array(loss, logits.dataType(), reduction == Reduction.NONE ? new long[] {n} : new long[0]);
        return Node.record("crossEntropy", y, (gy, out, needs) -> {
            double scale = reduction == Reduction.MEAN ? 1.0 / t.total : 1.0;
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
            return new Tensor[] {Tensor.of(Nd.array(gz, logits.dataType(), n, c))};
        }, logits);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The target distribution q per (sample, class, position) and the mean's divisor Σ w[target]. */
    private record TargetWeights(double[] q, double total) {
    }

    /**
     * Cross-entropy against class probabilities [N, C, ...] (soft targets, PyTorch ≥ 1.10), each
     * class weighted; the mean is over samples (and positions), the ignore index does not apply.
     */
    static Tensor crossEntropy(Tensor logits, Tensor probabilities, ClassLossOptions o) {
        requireLogits("crossEntropy", logits);
        requireOptions(o);
        if (!probabilities.dataType().isFPType()) {
            return crossEntropy(logits, probabilities.data(), o);
        }
        Nd.sameFloatType("crossEntropy", logits, probabilities);
        if (!Arrays.equals(logits.shape(), probabilities.shape())) {
            throw new IllegalArgumentException("crossEntropy: probability targets " + Arrays.toString(probabilities.shape())
                    + " must have the logits' shape " + Arrays.toString(logits.shape()));
        }
        long c = logits.size(1);
        if (logits.numel() == 0) {
            return emptyLoss("crossEntropy", o.reduction(), perSampleShape(logits.shape()), logits, probabilities);
        }
        double eps = o.labelSmoothing();
        Tensor q = eps == 0 ? probabilities : probabilities.mul(1 - eps).add(eps / c);
        double[] w = classWeights(logits, o.weight(), "crossEntropy");
        if (w != null) {
            long[] perClass = new long[logits.rank()];
            Arrays.fill(perClass, 1);
            perClass[1] = c;
            q = q.mul(Tensor.of(o.weight().data().reshape('c', perClass)));
        }
        Tensor perSample = Activations.logSoftmax(logits, 1).mul(q).sum(1).neg();
        return reduce(perSample, o.reduction(), perSample.numel());
    }

    /** −Σ_c q_c·logProbs_c per sample (no softmax applied here); NLL has no label smoothing. */
    static Tensor nll(Tensor logProbs, INDArray target, ClassLossOptions o) {
        if (requireOptions(o).labelSmoothing() != 0) {
            throw new IllegalArgumentException("nllLoss has no label smoothing; got labelSmoothing="
                    + o.labelSmoothing() + " (use crossEntropy on logits)");
        }
        return nllOf(logProbs, target, o, "nllLoss");
    }

    /** −Σ_c q_c·logProbs_c per sample with the targets' q (smoothing allowed): cross-entropy after log-softmax. */
    static Tensor nllOf(Tensor logProbs, INDArray target, ClassLossOptions o, String op) {
        requireLogits(op, logProbs);
        TargetWeights t = targetWeights(logProbs, target, o, op);
        if (logProbs.numel() == 0) {
            return emptyLoss(op, o.reduction(), target.shape(), logProbs);
        }
        Tensor weights = Tensor.of(Nd4j.createFromArray(t.q).reshape('c', logProbs.shape())
                .castTo(logProbs.dataType()));
        Tensor perSample = logProbs.mul(weights).sum(1).neg();
        return reduce(perSample, o.reduction(), t.total);
    }

    /** The class weights as float64, checked against the input [N, C, ...]; null when there are none. */
    private static double[] classWeights(Tensor input, Tensor weight, String op) {
        if (weight == null) {
            return null;
        }
        if (weight.numel() != input.size(1) || weight.dataType() != input.dataType()) {
            throw new IllegalArgumentException(String.format("%s: weight %s %s must be %s [%d], one weight per class"
                    + " of input %s", op, weight.dataType(), Arrays.toString(weight.shape()), input.dataType(),
                    input.size(1), Arrays.toString(input.shape())));
        }
        return Nd.doubles(weight.data());
    }

    /**
     * q = w_c·((1 − ε)·onehot(target) + ε/C) for an input [N, C, ...], with the checks on the
     * target; positions whose target is the ignore index get q = 0 and add nothing to the divisor.
     */
    private static TargetWeights targetWeights(Tensor input, INDArray target, ClassLossOptions o, String op) {
        long[] ls = input.shape();
        double labelSmoothing = o.labelSmoothing();
        double[] w = classWeights(input, o.weight(), op);
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
        double total = 0;
        for (int n = 0; n < samples; n++) {
            for (int s = 0; s < spatial; s++) {
                long k = t[n * spatial + s];
                if (k == o.ignoreIndex()) {
                    continue;
                }
                if (k < 0 || k >= classes) {
                    throw new IllegalArgumentException(String.format("%s: target %d at position %d is not a class"
                            + " index in [0, %d) nor the ignore index %d", op, k, n * spatial + s, classes,
                            o.ignoreIndex()));
                }
                double wk = w == null ? 1 : w[(int) k];
                total += wk;
                for (int c = 0; c < classes && labelSmoothing != 0; c++) {
                    q[(n * classes + c) * spatial + s] = (w == null ? 1 : w[c]) * labelSmoothing / classes;
                }
                q[(int) ((n * classes + k) * spatial + s)] += (1 - labelSmoothing) * wk;
            }
        }
        return new TargetWeights(q, total);
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
     * w·((1 − t)·z + L·softplus(−z)) per element with L = 1 + (p − 1)·t, p the positive weight
     * (PyTorch's form; for p = 1 it is max(z, 0) − z·t + log(1 + e^−|z|), stable for large |z|);
     * gradient w·(L·sigmoid(z) − p·t)·gy for the logits and w·((p − 1)·softplus(−z) − z)·gy for
     * the target.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, BinaryCrossEntropyOptions o) {
        String op = "binaryCrossEntropyWithLogits";
        requireOptions(o);
        Nd.sameFloatType(op, logits, target);
        requireSameShape(op, logits, target);
        if (logits.numel() == 0) {
            return emptyLoss(op, o.reduction(), logits.shape(), logits, target);
        }
        INDArray w = o.weight() == null ? null : elementWeights(op, "weight", o.weight(), logits);
        INDArray p = o.posWeight() == null ? null : elementWeights(op, "posWeight", o.posWeight(), logits);
        INDArray z = logits.data();
        INDArray t = target.data();
        // softplus(−z) = max(−z, 0) + log(1 + e^−|z|)
        INDArray softplus = Transforms.max(z.neg(), 0, false)
                .addi(Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1), false));
        INDArray l = p == null ? null : p.sub(1).muli(t).addi(1);
        INDArray loss = t.rsub(1).muli(z).addi(l == null ? softplus : softplus.mul(l));
        if (w != null) {
            loss.muli(w);
        }
        Tensor perElement = Node.record(op, loss, (gy, y, needs) -> {
            Tensor wt = w == null ? null : Tensor.of(w);
            Tensor gz = null;
            Tensor gt = null;
            // Written in recorded ops of logits and target, so the backward is differentiable again.
            Tensor pm1 = p == null ? null : Tensor.of(p.sub(1));
            if (needs[0]) {
                Tensor s = Activations.sigmoid(logits);
                gz = p == null ? s.sub(target) : s.mul(target.mul(pm1).add(1)).sub(target.mul(Tensor.of(p)));
                gz = wt == null ? gy.mul(gz) : gy.mul(wt).mul(gz);
            }
            if (needs[1]) {
                Tensor softplusT = Activations.relu(logits.neg()).add(logits.abs().neg().exp().add(1).log());
                gt = p == null ? logits.neg() : softplusT.mul(pm1).sub(logits);
                gt = wt == null ? gy.mul(gt) : gy.mul(wt).mul(gt);
            }
            return new Tensor[] {gz, gt};
        }, logits, target);
        return reduce(perElement, o.reduction(), logits.numel());
    }

    /** A weight broadcast to the input's shape (PyTorch's broadcasting), checked for dtype and shape. */
    private static INDArray elementWeights(String op, String name, Tensor weight, Tensor input) {
        if (weight.dataType() != input.dataType()) {
            throw new IllegalArgumentException(op + ": " + name + " has dtype " + weight.dataType()
                    + " but the input is " + input.dataType());
        }
        long[] shape = Nd.broadcastShape(op + " " + name, input.shape(), weight.shape());
        if (!Arrays.equals(shape, input.shape())) {
            throw new IllegalArgumentException(op + ": " + name + " " + Arrays.toString(weight.shape())
                    + " must broadcast to the input's shape " + Arrays.toString(input.shape()));
        }
        return Nd.broadcastTo(weight.data(), shape);
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

    private static Tensor reduce(Tensor perElement, Reduction reduction, double count) {
        return switch (reduction) {
            case NONE -> perElement;
            case SUM -> perElement.sum();
            case MEAN -> perElement.sum().div(count);
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

    private static <T> T requireOptions(T options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return options;
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " must have the same shape");
        }
    }
}
