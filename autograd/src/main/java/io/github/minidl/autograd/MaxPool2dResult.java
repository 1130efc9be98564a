package io.github.minidl.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output of {@link F#maxPool2dWithIndices}.
 *
 * @param values  [N, C, Ho, Wo] the window maxima, differentiable
 * @param indices [N, C, Ho, Wo] LONG: position {@code h·W + w} of each maximum in its (n, c)
 *                plane of the unpadded input, as PyTorch's {@code return_indices=True}
 */
public record MaxPool2dResult(Tensor values, INDArray indices) {
}
