package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.pooling.PairMaxPool;
import io.github.minidl.core.pooling.PairMaxPoolArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * minidl's own kernels: im2col / col2im + GEMM ({@link Im2ColGemm}), with a direct path for
 * depthwise convolutions ({@link DepthwiseConv}), and {@link PairMaxPool}. Portable, float32 and float64, and the
 * readable reference the other engines are tested against.
 */
final class OwnEngine implements ConvEngine {
    static final OwnEngine INSTANCE = new OwnEngine();

    private OwnEngine() {
    }

    @Override
    public String name() {
        return "own";
    }

    @Override
    public void conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y) {
        if (spec.isDepthwise()) {
            DepthwiseConv.forward(x, w, b, spec, y);
        } else {
            Im2ColGemm.forward(x, w, b, spec, y);
        }
    }

    @Override
    public void convTranspose2d(INDArray x, INDArray w, INDArray b, TransposedConvSpec spec, INDArray y) {
        ConvSpec conv = spec.adjoint();
        if (conv.isDepthwise()) {
            DepthwiseConv.adjoint(x, w, b, conv, y);
        } else {
            Im2ColGemm.adjoint(x, w, b, conv, y);
        }
    }

    @Override
    public INDArray conv2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec) {
        return spec.isDepthwise() ? DepthwiseConv.weightGrad(x, gy, spec) : Im2ColGemm.weightGrad(x, gy, spec);
    }

    @Override
    public INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        // The conv2d weight gradient with the roles of input and upstream gradient exchanged.
        ConvSpec conv = spec.adjoint();
        return conv.isDepthwise() ? DepthwiseConv.weightGrad(gy, x, conv) : Im2ColGemm.weightGrad(gy, x, conv);
    }

    @Override
    public PairMaxPoolArrays maxPool2x2(INDArray x) {
        return new PairMaxPoolArrays(PairMaxPool.forward(x), null);
    }

    @Override
    public INDArray maxPool2x2Backward(INDArray x, INDArray y, INDArray workspace, INDArray gy) {
        // No workspace: the loops find each window's winner again, faster than storing it.
        return PairMaxPool.backward(x, y, gy);
    }

    @Override
    public INDArray reluBackward(INDArray y, INDArray gy) {
        return ActivationKernels.reluMask(y).muli(gy);
    }
}
