package io.github.minidl.autograd;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.kernels.WeightBiasGrads;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * conv2d and convTranspose2d, each the other's input gradient, plus their weight gradients as
 * ops of their own (bilinear in input and upstream gradient, so differentiable again).
 */
final class ConvOps {
    private ConvOps() {
    }

    /** conv2d from PyTorch's arguments, checked against the shapes; x may be unbatched [C, H, W]. */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return Unbatched.apply(x, t -> {
            ConvArguments.requireSameFloatType("conv2d", t.data(), w.data(), b == null ? null : b.data());
            return conv2d(t, w, b, ConvArguments.conv2d(t.shape(), w.shape(), b == null ? null : b.shape(),
                    stride, padding, dilation, groups));
        });
    }

    /** convTranspose2d from PyTorch's arguments, checked against the shapes; x may be unbatched. */
    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] outputPadding,
                                  int groups, int[] dilation) {
        return Unbatched.apply(x, t -> {
            ConvArguments.requireSameFloatType("convTranspose2d", t.data(), w.data(), b == null ? null : b.data());
            return convTranspose2d(t, w, b, ConvArguments.convTranspose2d(t.shape(), w.shape(),
                    b == null ? null : b.shape(), stride, padding, outputPadding, groups, dilation));
        });
    }

    /** y = conv2d(x, w) + b. Its input gradient is convTranspose2d with the same w. */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, ConvSpec spec) {
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        return recordConv("conv2d", x, w, b,
                () -> ConvKernels.conv2d(x.data(), w.data(), b == null ? null : b.data(), spec),
                gy -> F.convTranspose2d(gy, w, null, spec.transposeOf(h, wd)),
                gy -> ConvKernels.conv2dWeightBiasGrad(x.data(), gy.data(), spec),
                gy -> F.conv2dWeightGrad(x, gy, spec));
    }

    /** y = convTranspose2d(x, w) + b. Its input gradient is conv2d with the same w. */
    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, TransposedConvSpec spec) {
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        return recordConv("convTranspose2d", x, w, b,
                () -> ConvKernels.convTranspose2d(x.data(), w.data(), b == null ? null : b.data(), spec),
                gy -> transposeInputGrad(gy, w, spec, h, wd),
                gy -> ConvKernels.convTranspose2dWeightBiasGrad(x.data(), gy.data(), spec),
                gy -> F.convTranspose2dWeightGrad(x, gy, spec));
    }

    /**
     * Records a convolution (or transposed one) computed by {@code forward}. Its forward and
     * backward run under one conversion token: the engine converts x's layout once for the
     * forward and the weight gradient, and gy's once for both gradients.
     *
     * @param inputGrad       gy → the input gradient (the adjoint convolution, a recorded op)
     * @param fusedParamGrads gy → weight and bias gradients in one kernel call (first order only)
     * @param weightGrad      gy → the weight gradient as a recorded op
     */
    private static Tensor recordConv(String name, Tensor x, Tensor w, Tensor b, Supplier<INDArray> forward,
                                     UnaryOperator<Tensor> inputGrad, Function<Tensor, WeightBiasGrads> fusedParamGrads,
                                     UnaryOperator<Tensor> weightGrad) {
        Object conversions = new Object();
        INDArray y = ConvKernels.sharingConversions(conversions, forward);
        return Node.record(name, y, (gy, out, needs) -> ConvKernels.sharingConversions(conversions, () -> {
            Tensor gx = needs[0] ? inputGrad.apply(gy) : null;
            if (needs[1] && needs[2] && !GradMode.isEnabled()) {
                return withParamGrads(gx, fusedParamGrads.apply(gy));
            }
            return new Tensor[] {gx, needs[1] ? weightGrad.apply(gy) : null, needs[2] ? biasGrad(gy) : null};
        }), x, w, b);
    }

    /**
     * The gradients of x, w and b when w's and b's come from one kernel call: first-order only
     * (no graph being recorded), so they need not be ops of their own.
     */
    private static Tensor[] withParamGrads(Tensor gx, WeightBiasGrads g) {
        return new Tensor[] {gx, Tensor.of(g.weight()), Tensor.of(g.bias())};
    }

    /**
     * gy summed over batch, height and width. First-order backward uses core's two-stage sum
     * (about twice as fast); with a graph being recorded it is the differentiable sum op.
     */
    private static Tensor biasGrad(Tensor gy) {
        return GradMode.isEnabled() ? gy.sum(0, 2, 3) : Tensor.of(ConvKernels.biasGrad(gy.data()));
    }

    /**
     * The input gradient of convTranspose2d(·, w, spec) for an (h, wd) input: conv2d of gy
     * with the adjoint spec. When the output padding reaches past the stride the convolution of
     * gy is larger than the input; only its first (h, wd) rows and columns have an input to go to.
     */
    static Tensor transposeInputGrad(Tensor gy, Tensor w, TransposedConvSpec spec, int h, int wd) {
        ConvSpec conv = spec.adjoint();
        int[] full = conv.outputSize((int) gy.size(2), (int) gy.size(3));
        if (full[0] == h && full[1] == wd) {
            return F.conv2d(gy, w, null, conv);
        }
        return croppedConv2d(gy, w, conv, new int[] {h, wd});
    }

    /** The first {@code size} rows/columns of conv2d(x, w); gradients pad gy back with zeros. */
    private static Tensor croppedConv2d(Tensor x, Tensor w, ConvSpec spec, int[] size) {
        INDArray y = ConvKernels.conv2d(x.data(), w.data(), null, spec, size);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int[] full = spec.outputSize(h, wd);
        return Node.record("conv2d", y, (gy, out, needs) -> {
            Tensor gyFull = padBottomRight(gy, full);
            return new Tensor[] {
                needs[0] ? F.convTranspose2d(gyFull, w, null, spec.transposeOf(h, wd)) : null,
                needs[1] ? F.conv2dWeightGrad(x, gyFull, spec) : null};
        }, x, w);
    }

    /** gy [N, C, h, w] embedded top-left into zeros of [N, C, full[0], full[1]]. */
    private static Tensor padBottomRight(Tensor gy, int[] full) {
        long[] s = gy.shape();
        long[] big = {s[0], s[1], full[0], full[1]};
        INDArrayIndex[] idx = {NDArrayIndex.all(), NDArrayIndex.all(),
            NDArrayIndex.interval(0, s[2]), NDArrayIndex.interval(0, s[3])};
        return LinearOps.apply("padBottomRight", gy, a -> {
            INDArray z = Nd4j.zeros(a.dataType(), big);
            z.get(idx).assign(a);
            return z;
        }, "cropBottomRight", g -> g.get(idx).dup('c'));
    }

    /** gw = ∂⟨conv2d(x, w), gy⟩/∂w; bilinear, so its gradients are a transposed conv and a conv. */
    static Tensor conv2dWeightGrad(Tensor x, Tensor gy, ConvSpec spec) {
        return bilinear("conv2dWeightGrad", x, gy, (a, b) -> ConvKernels.conv2dWeightGrad(a, b, spec),
                ggw -> F.convTranspose2d(gy, ggw, null, spec.transposeOf((int) x.size(2), (int) x.size(3))),
                ggw -> F.conv2d(x, ggw, null, spec));
    }

    /** gw = ∂⟨convTranspose2d(x, w), gy⟩/∂w; its gradients are a conv and a transposed conv. */
    static Tensor convTranspose2dWeightGrad(Tensor x, Tensor gy, TransposedConvSpec spec) {
        return bilinear("convTranspose2dWeightGrad", x, gy,
                (a, b) -> ConvKernels.convTranspose2dWeightGrad(a, b, spec),
                ggw -> transposeInputGrad(gy, ggw, spec, (int) x.size(2), (int) x.size(3)),
                ggw -> F.convTranspose2d(x, ggw, null, spec));
    }

    /**
     * Records gw = kernel(x, gy), linear in each of x and gy: the gradient of x is
     * {@code gradX(ggw)}, that of gy is {@code gradGy(ggw)}.
     */
    private static Tensor bilinear(String op, Tensor x, Tensor gy, BinaryOperator<INDArray> kernel,
                                   UnaryOperator<Tensor> gradX, UnaryOperator<Tensor> gradGy) {
        Nd.sameFloatType(op, x, gy);
        return Node.record(op, kernel.apply(x.data(), gy.data()), (ggw, out, needs) -> new Tensor[] {
            needs[0] ? gradX.apply(ggw) : null,
            needs[1] ? gradGy.apply(ggw) : null}, x, gy);
    }

    /** Rejects a null input or a null second operand (weight, gradient, other) of {@code op}. */
    static void requireTensors(String op, Tensor a, Tensor b, String secondName) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": input must not be null");
        }
        if (b == null) {
            throw new IllegalArgumentException(op + ": " + secondName + " must not be null");
        }
    }
}
