package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The library under {@link ConvKernels}' four convolution kernels. {@link ConvKernels} checks the
 * arguments, allocates the output and hands an engine contiguous NCHW arrays of one float type
 * that match the spec; an engine only computes. {@link ConvEngines} chooses the engine for float32;
 * float64 always runs on minidl's own kernels.
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
}
