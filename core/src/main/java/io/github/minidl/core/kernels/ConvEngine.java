package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.pooling.PairMaxPoolArrays;
import io.github.minidl.core.pooling.PoolKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The library under {@link ConvKernels}' four convolution kernels, {@link PoolKernels}' 2×2 max
 * pooling, relu's gradient, {@link NormKernels}' batch normalization and dense layers' matrix
 * products. The kernel classes check the arguments, allocate the convolution outputs and hand an
 * engine contiguous NCHW arrays of one float type that match the spec; an engine only computes.
 * {@link ConvEngines} chooses the engine for float32; float64 always runs on minidl's own kernels.
 */
public interface ConvEngine {
    /** Short name, as the {@value ConvEngines#PROPERTY} property spells it ({@code own}, {@code onednn}). */
    String name();

    /**
     * Writes conv2d(x, w) + b into y. y [N, out, Ho, Wo] may be smaller than the full output:
     * then only its first Ho rows and Wo columns are computed.
     *
     * @param b [out] or null
     */
    void conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y);

    /**
     * Writes convTranspose2d(x, w) + b into y [N, out, Ho, Wo] with (Ho, Wo) =
     * {@link TransposedConvSpec#outputSize}; w is [in, out/groups, kH, kW].
     */
    void convTranspose2d(INDArray x, INDArray w, INDArray b, TransposedConvSpec spec, INDArray y);

    /** Gradient of ⟨conv2d(x, w), gy⟩ with respect to w: [out, in/groups, kH, kW]. */
    INDArray conv2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec);

    /** Gradient of ⟨convTranspose2d(x, w), gy⟩ with respect to w: [in, out/groups, kH, kW]. */
    INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, TransposedConvSpec spec);

    /** {@link #conv2dWeightGrad} and the bias gradient of the same gy; by default two passes. */
    default WeightBiasGrads conv2dWeightBiasGrad(INDArray x, INDArray gy, ConvSpec spec) {
        return new WeightBiasGrads(conv2dWeightGrad(x, gy, spec), ConvKernels.biasGrad(gy));
    }

    /** {@link #convTranspose2dWeightGrad} and the bias gradient of the same gy; by default two passes. */
    default WeightBiasGrads convTranspose2dWeightBiasGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        return new WeightBiasGrads(convTranspose2dWeightGrad(x, gy, spec), ConvKernels.biasGrad(gy));
    }

    /**
     * {@link PoolKernels#maxPool2x2}: 2×2, stride-2 max pooling of x [N, C, H, W] (H, W ≥ 2) into
     * a new [N, C, H/2, W/2] array, with whatever the backward needs.
     */
    PairMaxPoolArrays maxPool2x2(INDArray x);

    /**
     * The gradient of {@link #maxPool2x2} for input x, its output y, the workspace it returned and
     * the output gradient gy, as a new array of x's shape.
     */
    INDArray maxPool2x2Backward(INDArray x, INDArray y, INDArray workspace, INDArray gy);

    /**
     * relu's first-order gradient {@code gx = (y != 0) · gy} for its output y (so a NaN input
     * passes gy, as in PyTorch), as a new array; y and gy are contiguous and of one shape.
     */
    INDArray reluBackward(INDArray y, INDArray gy);

    /**
     * c = op(a)·op(b) + bias for contiguous 2-D float32 arrays, op transposing where asked and
     * bias [n] (or null) added to every row; false when this engine has no kernel for it (the
     * default), and {@link MatMulKernels} multiplies with BLAS instead.
     */
    default boolean matmul(INDArray a, boolean transA, INDArray b, boolean transB, INDArray bias, INDArray c) {
        return false;
    }

    /**
     * {@link NormKernels#batchNormTraining} on a contiguous float32 x [N, C, H, W], or null when
     * this engine has no fused kernel for it (the default).
     */
    default BatchNormOutputs batchNormTraining(INDArray x, INDArray weight, INDArray bias, double eps) {
        return null;
    }

    /**
     * {@link NormKernels#batchNormBackward} on contiguous float32 x and gy, or null when this
     * engine has no fused kernel for it (the default).
     */
    default BatchNormGrads batchNormBackward(INDArray x, INDArray gy, BatchNormOutputs stats, INDArray weight,
                                             INDArray bias, double eps) {
        return null;
    }
}
