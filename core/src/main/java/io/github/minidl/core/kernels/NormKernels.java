package io.github.minidl.core.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization of float32 [N, C, H, W] arrays in training mode on an engine that has fused
 * kernels for it (oneDNN's batch normalization primitive). Each method returns null where the
 * engine has none, or for another type or rank, and the caller computes it from elementwise ops
 * instead: float64 never comes here, so its results do not depend on the engine.
 */
public final class NormKernels {
    private NormKernels() {
    }

    /**
     * y = (x - mean) / sqrt(variance + eps) · weight + bias with each channel's batch statistics.
     *
     * @param weight [C] or null
     * @param bias   [C] or null
     */
    public static BatchNormOutputs batchNormTraining(INDArray x, INDArray weight, INDArray bias, double eps) {
        if (!fused(x, weight, bias)) {
            return null;
        }
        INDArray[] plain = ConvKernels.contiguous(x, weight, bias);
        BatchNormOutputs out = ConvKernels.engineFor(x).batchNormTraining(plain[0], plain[1], plain[2], eps);
        ConvKernels.freeCopies(plain, x, weight, bias);
        return out;
    }

    /**
     * The first-order gradients of {@link #batchNormTraining} for its input x, the statistics it
     * returned and the output gradient gy; null where the engine has no fused kernel.
     *
     * @param weight [C] or null
     * @param bias   [C] or null, as given to the forward
     */
    public static BatchNormGrads batchNormBackward(INDArray x, INDArray gy, BatchNormOutputs stats, INDArray weight,
                                                   INDArray bias, double eps) {
        if (!fused(x, weight, bias)) {
            return null;
        }
        if (!Arrays.equals(x.shape(), gy.shape()) || gy.dataType() != x.dataType()) {
            throw new IllegalArgumentException("batchNorm: the output gradient must be " + x.dataType() + " "
                    + Arrays.toString(x.shape()) + "; got " + gy.dataType() + " " + Arrays.toString(gy.shape()));
        }
        INDArray[] plain = ConvKernels.contiguous(x, gy, weight, bias);
        BatchNormGrads g = ConvKernels.engineFor(x).batchNormBackward(plain[0], plain[1], stats, plain[2], plain[3], eps);
        ConvKernels.freeCopies(plain, x, gy, weight, bias);
        return g;
    }

    private static boolean fused(INDArray x, INDArray weight, INDArray bias) {
        if (x.dataType() != DataType.FLOAT || x.rank() != 4) {
            return false;
        }
        for (INDArray p : new INDArray[] {weight, bias}) {
            if (p != null && (p.dataType() != DataType.FLOAT || p.rank() != 1 || p.length() != x.size(1))) {
                return false;
            }
        }
        return true;
    }
}
