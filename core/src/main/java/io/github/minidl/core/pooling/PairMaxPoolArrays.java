package io.github.minidl.core.pooling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output of {@link PoolKernels#maxPool2x2}.
 *
 * @param values    [N, C, H/2, W/2] the window maxima
 * @param workspace the engine's record of each window's winner for the backward, or null when the
 *                  backward finds the winners again from the input and the values
 */
public record PairMaxPoolArrays(INDArray values, INDArray workspace) {
}
