package io.github.minidl.autograd;

import io.github.minidl.core.kernels.ActivationKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Activations: relu, leaky relu, sigmoid, tanh, gelu (erf and tanh forms), softmax, log-softmax. */
final class Activations {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private Activations() {
    }

    /**
     * max(x, 0), NaN for NaN; the gradient is 0 where y ≤ 0, else gy: PyTorch's rule, which
     * passes gy through at a NaN input ({@code NaN <= 0} is false).
     */
    static Tensor relu(Tensor x) {
        Nd.sameFloatType("relu", x);
        // The mask is built only when backward runs, so inference pays for one pass.
        return Node.record("relu", ActivationKernels.relu(x.data()), (gy, y, needs) -> {
            if (!GradMode.isEnabled()) {
                return new Tensor[] {Tensor.of(ActivationKernels.reluBackward(y.data(), gy.data()))};
            }
            // Differentiable backward (double backward): gy times a constant mask.
            INDArray mask = ActivationKernels.reluMask(y.data());
            MemoryScope.track(mask);
            return new Tensor[] {gy.mul(Tensor.of(mask))};
        }, x);
    }

    /** x for x > 0, else slope·x; at 0 the gradient is slope·gy (PyTorch's choice). */
    static Tensor leakyRelu(Tensor x, double negativeSlope) {
        Nd.sameFloatType("leakyRelu", x);
        INDArray factor = x.data().gt(0).castTo(x.dataType()).muli(1 - negativeSlope).addi(negativeSlope);
        Tensor f = Tensor.of(factor);
        return Node.record("leakyRelu", x.data().mul(factor), (gy, y, needs) -> new Tensor[] {gy.mul(f)}, x);
    }

    /** 1/(1 + e^-x); the gradient gy·y·(1 - y). */
    static Tensor sigmoid(Tensor x) {
        Nd.sameFloatType("sigmoid", x);
        return Node.record("sigmoid", Transforms.sigmoid(x.data(), true),
                (gy, y, needs) -> new Tensor[] {gy.mul(y.mul(y.neg().add(1)))}, x);
    }

    /** tanh(x); the gradient gy·(1 - y²). */
    static Tensor tanh(Tensor x) {
        Nd.sameFloatType("tanh", x);
        return Node.record("tanh", Transforms.tanh(x.data(), true),
                (gy, y, needs) -> new Tensor[] {gy.mul(y.mul(y).neg().add(1))}, x);
    }

    /** x·Φ(x) with Φ(x) = (1 + erf(x/√2))/2; the gradient gy·(Φ(x) + x·φ(x)). */
    static Tensor gelu(Tensor x) {
        Nd.sameFloatType("gelu", x);
        INDArray cdf = x.data().mul(SQRT_HALF);
        Nd4j.getExecutioner().exec(new Erf(cdf));
        cdf.addi(1).muli(0.5);
        return Node.record("gelu", x.data().mul(cdf), (gy, y, needs) -> {
            Tensor phi = Arithmetic.erf(x.mul(SQRT_HALF)).add(1).mul(0.5);
            Tensor density = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
            return new Tensor[] {gy.mul(phi.add(x.mul(density)))};
        }, x);
    }

    /** x·(1 + tanh(√(2/π)(x + 0.044715x³)))/2, differentiated through its parts. */
    static Tensor geluTanh(Tensor x) {
        Nd.sameFloatType("gelu", x);
        Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
        return x.mul(tanh(inner).add(1)).mul(0.5);
    }

    /** e^x / Σ_dim e^x, computed after subtracting the maximum; gradient y·(gy - Σ_dim gy·y). */
    static Tensor softmax(Tensor x, int dim) {
        Nd.sameFloatType("softmax", x);
        int d = Shapes.axis(dim, x.rank());
        long[] xs = x.shape();
        INDArray z = x.data().sub(x.data().max(true, d));
        Transforms.exp(z, false);
        z.divi(z.sum(true, d));
        return Node.record("softmax", z, (gy, y, needs) -> {
            Tensor dot = gy.mul(y).sumKeepDim(d);
            return new Tensor[] {y.mul(gy.sub(dot))};
        }, x);
    }

    /** x - max - log Σ_dim e^(x - max); gradient gy - softmax(x)·Σ_dim gy. */
    static Tensor logSoftmax(Tensor x, int dim) {
        Nd.sameFloatType("logSoftmax", x);
        int d = Shapes.axis(dim, x.rank());
        long[] xs = x.shape();
        INDArray shifted = x.data().sub(x.data().max(true, d));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, d), false);
        INDArray y = shifted.subi(logSum);
        return Node.record("logSoftmax", y, (gy, out, needs) -> {
            Tensor total = gy.sumKeepDim(d);
            return new Tensor[] {gy.sub(out.exp().mul(total))};
        }, x);
    }
}
