package io.github.minidl.autograd;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The functional API, mirroring {@code torch.nn.functional}: every op by its PyTorch name in
 * Java case, on {@link Tensor}s, recorded for backward while grad mode is on. Spatial
 * {@code int[]} arguments are (H, W) pairs; a single value applies to both axes.
 */
public final class F {
    private static final int[] ONE = {1, 1};
    private static final int[] ZERO = {0, 0};

    private F() {
    }

    // ---- convolution ------------------------------------------------------------------

    /**
     * 2-D convolution, PyTorch's argument order.
     * {@code out = floor((in + 2p - d(k - 1) - 1) / s) + 1}.
     *
     * @param x [N, inChannels, H, W], or unbatched [inChannels, H, W] (the result is then 3-D too)
     * @param w [outChannels, inChannels/groups, kH, kW]
     * @param b [outChannels] or null
     * @return [N, outChannels, Ho, Wo]
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        ConvOps.requireTensors("conv2d", x, w, "weight");
        return ConvOps.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /** conv2d with padding "valid" (none) or "same" (stride 1; d(k - 1) per axis, an odd one's extra bottom/right). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation,
                                int groups) {
        return ConvPaddingStrings.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /** conv2d with string padding ("same" or "valid"), stride 1, dilation 1, groups 1. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, String padding) {
        return conv2d(x, w, b, ONE, padding, ONE, 1);
    }

    /** conv2d with square stride/padding/dilation. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation, int groups) {
        return conv2d(x, w, b, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups);
    }

    /** conv2d with stride and padding; dilation 1, groups 1. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return conv2d(x, w, b, new int[] {stride}, new int[] {padding}, ONE, 1);
    }

    /** conv2d with stride 1, no padding, dilation 1, groups 1. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b) {
        return conv2d(x, w, b, ONE, ZERO, ONE, 1);
    }

    /** conv2d of a given geometry (shapes are checked against it). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, ConvSpec spec) {
        ConvOps.requireTensors("conv2d", x, w, "weight");
        return Unbatched.apply(x, t -> ConvOps.conv2d(t, w, b, spec));
    }

    /**
     * Transposed 2-D convolution, the adjoint of conv2d in x; PyTorch's argument order (groups
     * before dilation). {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1}.
     *
     * @param x [N, inChannels, H, W], or unbatched [inChannels, H, W] (the result is then 3-D too)
     * @param w [inChannels, outChannels/groups, kH, kW]
     * @param b [outChannels] or null
     * @return [N, outChannels, Ho, Wo]
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        ConvOps.requireTensors("convTranspose2d", x, w, "weight");
        return ConvOps.convTranspose2d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    /** convTranspose2d with square parameters. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding,
                                         int outputPadding, int groups, int dilation) {
        return convTranspose2d(x, w, b, new int[] {stride}, new int[] {padding}, new int[] {outputPadding},
                groups, new int[] {dilation});
    }

    /** convTranspose2d with stride and padding; no output padding, groups 1, dilation 1. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return convTranspose2d(x, w, b, new int[] {stride}, new int[] {padding}, ZERO, 1, ONE);
    }

    /** convTranspose2d of a given geometry (weight [in, out/groups, kH, kW]; shapes are checked against it). */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, TransposedConvSpec spec) {
        ConvOps.requireTensors("convTranspose2d", x, w, "weight");
        return Unbatched.apply(x, t -> ConvOps.convTranspose2d(t, w, b, spec));
    }

    /**
     * ∂⟨conv2d(x, w), gy⟩/∂w as a differentiable op (for second-order gradients).
     *
     * @return [outChannels, inChannels/groups, kH, kW]
     */
    public static Tensor conv2dWeightGrad(Tensor x, Tensor gy, ConvSpec spec) {
        ConvOps.requireTensors("conv2dWeightGrad", x, gy, "gy");
        return ConvOps.conv2dWeightGrad(x, gy, spec);
    }

    /**
     * ∂⟨convTranspose2d(x, w), gy⟩/∂w as a differentiable op.
     *
     * @return [inChannels, outChannels/groups, kH, kW]
     */
    public static Tensor convTranspose2dWeightGrad(Tensor x, Tensor gy, TransposedConvSpec spec) {
        ConvOps.requireTensors("convTranspose2dWeightGrad", x, gy, "gy");
        return ConvOps.convTranspose2dWeightGrad(x, gy, spec);
    }

    // ---- linear algebra ---------------------------------------------------------------

    /** y = x·wᵀ + b; x [..., in], w [out, in], b [out] or null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        ConvOps.requireTensors("linear", x, w, "weight");
        return MatMul.linear(x, w, b);
    }

    /** Matrix product with broadcast batch axes. */
    public static Tensor matmul(Tensor a, Tensor b) {
        ConvOps.requireTensors("matmul", a, b, "other");
        return MatMul.matmul(a, b);
    }

    // ---- element-wise -----------------------------------------------------------------

    /** a + b, broadcasting. */
    public static Tensor add(Tensor a, Tensor b) { return Arithmetic.add(a, b); }
    /** a - b, broadcasting. */
    public static Tensor sub(Tensor a, Tensor b) { return Arithmetic.sub(a, b); }
    /** a * b, broadcasting. */
    public static Tensor mul(Tensor a, Tensor b) { return Arithmetic.mul(a, b); }
    /** a / b, broadcasting. */
    public static Tensor div(Tensor a, Tensor b) { return Arithmetic.div(a, b); }
    /** -x. */
    public static Tensor neg(Tensor x) { return x.neg(); }
    /** x^p. */
    public static Tensor pow(Tensor x, double p) { return Arithmetic.pow(x, p); }
    /** e^x. */
    public static Tensor exp(Tensor x) { return Arithmetic.exp(x); }
    /** ln x. */
    public static Tensor log(Tensor x) { return Arithmetic.log(x); }
    /** √x. */
    public static Tensor sqrt(Tensor x) { return Arithmetic.sqrt(x); }
    /** |x|. */
    public static Tensor abs(Tensor x) { return Arithmetic.abs(x); }
    /** The error function. */
    public static Tensor erf(Tensor x) { return Arithmetic.erf(x); }

    /** min(max(x, min), max); pass Double.NaN for a missing bound. */
    public static Tensor clamp(Tensor x, double min, double max) {
        return Arithmetic.clamp(x, min, max);
    }

    // ---- activations ------------------------------------------------------------------

    /** max(x, 0). */
    public static Tensor relu(Tensor x) { return Activations.relu(x); }

    /** x for x > 0, else negativeSlope·x. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) { return Activations.leakyRelu(x, negativeSlope); }

    /** leakyRelu with PyTorch's default slope 0.01. */
    public static Tensor leakyRelu(Tensor x) { return Activations.leakyRelu(x, 0.01); }

    /** 1/(1 + e^-x). */
    public static Tensor sigmoid(Tensor x) { return Activations.sigmoid(x); }

    /** tanh(x). */
    public static Tensor tanh(Tensor x) { return Activations.tanh(x); }

    /** GELU, exact form x·Φ(x) (PyTorch's default). */
    public static Tensor gelu(Tensor x) { return Activations.gelu(x); }

    /** GELU in the chosen form. */
    public static Tensor gelu(Tensor x, GeluApproximation approximate) {
        return approximate == GeluApproximation.TANH ? Activations.geluTanh(x) : Activations.gelu(x);
    }

    /** softmax along {@code dim}, stable for large inputs. */
    public static Tensor softmax(Tensor x, int dim) { return Activations.softmax(x, dim); }

    /** log(softmax(x)) along {@code dim}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int dim) { return Activations.logSoftmax(x, dim); }

    // ---- reductions and shapes ----------------------------------------------------------

    /** Sum over {@code dims} (all when empty), removing them. */
    public static Tensor sum(Tensor x, int... dims) { return Reductions.sum(x, dims, false); }

    /** Mean over {@code dims} (all when empty), removing them. */
    public static Tensor mean(Tensor x, int... dims) { return Reductions.mean(x, dims, false); }

    /** Maximum along {@code dim}, removing it; ties share the gradient. */
    public static Tensor max(Tensor x, int dim) { return Reductions.max(x, dim, false); }

    /** Maximum along {@code dim}, keeping it with size 1. */
    public static Tensor maxKeepDim(Tensor x, int dim) { return Reductions.max(x, dim, true); }

    /** The values in a new shape (one entry may be -1). */
    public static Tensor reshape(Tensor x, long... shape) { return Shapes.reshape(x, shape); }

    /** Dimensions reordered. */
    public static Tensor permute(Tensor x, int... dims) { return Shapes.permute(x, dims); }

    /** Two dimensions swapped. */
    public static Tensor transpose(Tensor x, int d0, int d1) { return Shapes.transpose(x, d0, d1); }

    /** Dimensions 1.. merged: [N, ...] -> [N, rest] (torch.flatten(x, 1)). */
    public static Tensor flatten(Tensor x) { return Shapes.flatten(x, 1, -1); }

    /** Dimensions startDim..endDim (inclusive) merged into one. */
    public static Tensor flatten(Tensor x, int startDim, int endDim) { return Shapes.flatten(x, startDim, endDim); }

    /** x broadcast to {@code shape}. */
    public static Tensor expand(Tensor x, long... shape) { return Shapes.expand(x, shape); }

    /** The tensors joined along {@code dim} (torch.cat). */
    public static Tensor concat(int dim, Tensor... tensors) { return Shapes.concat(dim, tensors); }

    /** Elements [start, end) along {@code dim} (negative values count from the end). */
    public static Tensor slice(Tensor x, int dim, long start, long end) { return Shapes.slice(x, dim, start, end); }

    /** Depth to space: [N, C·r², H, W] to [N, C, H·r, W·r] (or unbatched [C·r², H, W]). */
    public static Tensor pixelShuffle(Tensor x, int upscaleFactor) { return PixelShuffling.pixelShuffle(x, upscaleFactor); }

    /** Space to depth, the inverse of pixelShuffle: [N, C, H·r, W·r] to [N, C·r², H, W] (or unbatched). */
    public static Tensor pixelUnshuffle(Tensor x, int downscaleFactor) { return PixelShuffling.pixelUnshuffle(x, downscaleFactor); }

    // ---- pooling ----------------------------------------------------------------------

    // Pooling takes [N, C, H, W] or an unbatched [C, H, W] (then the result has no batch axis).

    /** Max pooling with the given geometry (padding acts as -∞). */
    public static Tensor maxPool2d(Tensor x, PoolSpec spec) { return Pooling.maxPool2d(x, spec); }

    /** Max pooling with a square kernel and stride = kernel. */
    public static Tensor maxPool2d(Tensor x, int kernelSize) { return maxPool2d(x, PoolSpec.builder(kernelSize).build()); }

    /** Max pooling with square kernel, stride and padding. */
    public static Tensor maxPool2d(Tensor x, int kernelSize, int stride, int padding) {
        return maxPool2d(x, PoolSpec.builder(kernelSize).stride(stride).padding(padding).build());
    }

    /** Max pooling that also returns the argmax positions (PyTorch's return_indices=True). */
    public static MaxPool2dResult maxPool2dWithIndices(Tensor x, PoolSpec spec) { return Pooling.maxPool2dWithIndices(x, spec); }

    /** Average pooling with the spec's padding, ceil mode, countIncludePad and divisorOverride (dilation 1). */
    public static Tensor avgPool2d(Tensor x, PoolSpec spec) { return Pooling.avgPool2d(x, spec); }

    /** Average pooling with a square kernel and stride = kernel. */
    public static Tensor avgPool2d(Tensor x, int kernelSize) { return avgPool2d(x, PoolSpec.builder(kernelSize).build()); }

    /** Average pooling with square kernel, stride and padding (padding counted in the divisor). */
    public static Tensor avgPool2d(Tensor x, int kernelSize, int stride, int padding) {
        return avgPool2d(x, PoolSpec.builder(kernelSize).stride(stride).padding(padding).build());
    }

    /** Adaptive average pooling to [N, C, outH, outW]; (1, 1) is global average pooling. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) { return Pooling.adaptiveAvgPool2d(x, outH, outW); }

    /** Adaptive max pooling to [N, C, outH, outW]: the maximum of each adaptive bin. */
    public static Tensor adaptiveMaxPool2d(Tensor x, int outH, int outW) { return Pooling.adaptiveMaxPool2d(x, outH, outW).values(); }

    /** Adaptive max pooling with each bin's argmax, as PyTorch's {@code return_indices=True}. */
    public static MaxPool2dResult adaptiveMaxPool2dWithIndices(Tensor x, int outH, int outW) {
        return Pooling.adaptiveMaxPool2d(x, outH, outW);
    }

    /**
     * Max unpooling: x's values at max pooling's {@code indices} (spec: its kernel, stride, padding),
     * zeros elsewhere; output (in - 1)·stride - 2·padding + kernel, or outputSize within one stride.
     */
    public static Tensor maxUnpool2d(Tensor x, INDArray indices, PoolSpec spec, int[] outputSize) {
        return Pooling.maxUnpool2d(x, indices, spec, outputSize);
    }

    /** Resizes x [N, C, H, W] by nearest or bilinear interpolation (torch.nn.functional.interpolate). */
    public static Tensor interpolate(Tensor x, InterpolateOptions options) { return Interpolation.interpolate(x, options); }

    // ---- normalization and regularization ---------------------------------------------------

    /**
     * Batch normalization over axis 1 of x [N, C, ...]: {@code y = (x - mean) / sqrt(var + eps) * weight
     * + bias} (weight, bias may be null). Training uses the batch statistics and updates the running
     * buffers (may be null) in place; eval uses the buffers and rejects a negative running variance.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   BatchNormOptions options) {
        return Normalization.batchNorm(x, new BatchNormBuffers(runningMean, runningVar, null), weight, bias, options);
    }

    /** batchNorm with a batch counter, as BatchNorm2d runs it; a null momentum averages all batches. */
    public static Tensor batchNorm(Tensor x, BatchNormBuffers buffers, Tensor weight, Tensor bias,
                                   BatchNormOptions options) {
        return Normalization.batchNorm(x, buffers, weight, bias, options);
    }

    /** Zeroes elements with probability p (others scaled by 1/(1 - p)); apply only in training. */
    public static Tensor dropout(Tensor x, double p, SplittableRandom rng) { return Normalization.dropout(x, p, rng); }

    /** {@link #dropout(Tensor, double, SplittableRandom)} with a generator seeded by {@code seed}. */
    public static Tensor dropout(Tensor x, double p, long seed) {
        return Normalization.dropout(x, p, new SplittableRandom(seed));
    }

    /**
     * Pads trailing dimensions; {@code pads} lists (before, after) for the last dimension first,
     * as torch.nn.functional.pad; a negative amount crops. {@code value} fills CONSTANT padding.
     */
    public static Tensor pad(Tensor x, int[] pads, PadMode mode, double value) { return PadOps.pad(x, pads, mode, value); }

    /** Zero padding. */
    public static Tensor pad(Tensor x, int... pads) { return PadOps.pad(x, pads, PadMode.ZEROS, 0); }

    // ---- losses -----------------------------------------------------------------------

    /** Mean cross-entropy of logits [N, C, ...] against class indices [N, ...] (integer array). */
    public static Tensor crossEntropy(Tensor logits, INDArray target) {
        return Losses.crossEntropy(logits, target, ClassLossOptions.defaults());
    }

    /** Cross-entropy against class indices with reduction and label smoothing ε (q = (1-ε)·onehot + ε/C). */
    public static Tensor crossEntropy(Tensor logits, INDArray target, Reduction reduction, double labelSmoothing) {
        return Losses.crossEntropy(logits, target, ClassLossOptions.defaults().withReduction(reduction)
                .withLabelSmoothing(labelSmoothing));
    }

    /**
     * Cross-entropy against class indices with class weights, an ignore index, reduction and label
     * smoothing, as {@code torch.nn.functional.cross_entropy}.
     */
    public static Tensor crossEntropy(Tensor logits, INDArray target, ClassLossOptions options) {
        return Losses.crossEntropy(logits, target, options);
    }

    /** Cross-entropy against an integer tensor of class indices, or a float tensor of class probabilities. */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction, double labelSmoothing) {
        return Losses.crossEntropy(logits, target, ClassLossOptions.defaults().withReduction(reduction)
                .withLabelSmoothing(labelSmoothing));
    }

    /** As {@link #crossEntropy(Tensor, INDArray, ClassLossOptions)}; float targets are class probabilities. */
    public static Tensor crossEntropy(Tensor logits, Tensor target, ClassLossOptions options) {
        return Losses.crossEntropy(logits, target, options);
    }

    /** Mean cross-entropy against an integer tensor of class indices (or float probabilities). */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return Losses.crossEntropy(logits, target, ClassLossOptions.defaults());
    }

    /** Negative log-likelihood of log-probabilities [N, C, ...] at class indices [N, ...]. */
    public static Tensor nllLoss(Tensor logProbs, INDArray target, Reduction reduction) {
        return Losses.nll(logProbs, target, ClassLossOptions.defaults().withReduction(reduction));
    }

    /** Negative log-likelihood with class weights and an ignore index, as {@code F.nll_loss} (no smoothing). */
    public static Tensor nllLoss(Tensor logProbs, INDArray target, ClassLossOptions options) {
        return Losses.nll(logProbs, target, options);
    }

    /** (input - target)², reduced. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.mseLoss(input, target, reduction);
    }

    /** Mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) { return Losses.mseLoss(input, target, Reduction.MEAN); }

    /** Binary cross-entropy of logits against targets in [0, 1], in the stable form, reduced. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        return Losses.binaryCrossEntropyWithLogits(logits, target,
                BinaryCrossEntropyOptions.defaults().withReduction(reduction));
    }

    /** Mean binary cross-entropy of logits. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return Losses.binaryCrossEntropyWithLogits(logits, target, BinaryCrossEntropyOptions.defaults());
    }

    /** Binary cross-entropy of logits with element and positive-class weights, as PyTorch's. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, BinaryCrossEntropyOptions options) {
        return Losses.binaryCrossEntropyWithLogits(logits, target, options);
    }
}
