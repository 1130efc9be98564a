package io.github.minidl.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight and bias gradients of one convolution, computed together.
 *
 * @param weight the weight gradient, in the weight's shape
 * @param bias   [out] the upstream gradient summed over batch, height and width
 */
public record WeightBiasGrads(INDArray weight, INDArray bias) {
}
