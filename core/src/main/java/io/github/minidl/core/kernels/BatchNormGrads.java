package io.github.minidl.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization's first-order gradients, computed together.
 *
 * @param input  in x's shape
 * @param weight [C], or null without a weight
 * @param bias   [C] the upstream gradient summed over every axis but the channels', or null without a bias
 */
public record BatchNormGrads(INDArray input, INDArray weight, INDArray bias) {
}
