package io.github.minidl.core.pooling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output of {@link PoolKernels#maxPool2d}.
 *
 * @param values  [N, C, Ho, Wo] the window maxima
 * @param indices [N, C, Ho, Wo] LONG: position {@code h·W + w} of each maximum in its (n, c) plane
 */
public record MaxPoolArrays(INDArray values, INDArray indices) {
}
