package io.github.minidl.core.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/** relu and its gradient; the gradient on the engine for the arrays' float type (see {@link ConvEngine}). */
public final class ActivationKernels {
    private ActivationKernels() {
    }

    /**
     * relu(x) = max(x, 0) as a new array, NaN for NaN (PyTorch's rule): libnd4j's relu, written
     * into an array it does not zero-fill first.
     */
    public static INDArray relu(INDArray x) {
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("relu needs a float array; got " + x.dataType());
        }
        INDArray y = NativeMemory.uninitialized(x.dataType(), x.shape());
        Nd4j.getExecutioner().exec(new RectifiedLinear(x, y));
        return y;
    }

    /**
     * relu's first-order gradient for its output y and the output gradient gy: gy where y ≠ 0
     * (y = relu(x) is positive or NaN there, and PyTorch passes gy through a NaN), else 0.
     */
    public static INDArray reluBackward(INDArray y, INDArray gy) {
        if (!Arrays.equals(y.shape(), gy.shape()) || y.dataType() != gy.dataType() || !y.dataType().isFPType()) {
            throw new IllegalArgumentException("relu's output and its gradient must be float arrays of one shape and"
                    + " type; got " + y.dataType() + " " + Arrays.toString(y.shape()) + " and " + gy.dataType() + " "
                    + Arrays.toString(gy.shape()));
        }
        INDArray[] plain = ConvKernels.contiguous(y, gy);
        INDArray gx = ConvKernels.engineFor(y).reluBackward(plain[0], plain[1]);
        ConvKernels.freeCopies(plain, y, gy);
        return gx;
    }

    /**
     * relu's gradient as a constant factor: 1 where its output y ≠ 0 (positive, or NaN), else 0,
     * in y's type. Three passes of libnd4j; its fused relu_bp calls a std::function per element
     * and takes three times as long.
     */
    public static INDArray reluMask(INDArray y) {
        INDArray nonZero = y.neq(0);
        INDArray mask = nonZero.castTo(y.dataType());
        NativeMemory.free(nonZero);
        return mask;
    }
}
