package io.github.minidl.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What batch normalization's training forward computes in one pass.
 *
 * @param y        the normalised, scaled and shifted output, in x's shape
 * @param mean     [C] the batch mean of each channel
 * @param variance [C] the biased batch variance of each channel (the one y is normalised by)
 */
public record BatchNormOutputs(INDArray y, INDArray mean, INDArray variance) {
}
