package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A learnable tensor owned by a {@link Module}: a holder of a leaf {@link Tensor} that requires
 * grad. It is a holder rather than a Tensor subclass (Tensor is final) so that the module can
 * replace the tensor: {@link Module#to} swaps in a cast copy and {@link Module#functionalCall}
 * substitutes tensors for one forward pass. Optimisers update {@link #data()} in place.
 */
public final class Parameter {
    private Tensor tensor;

    Parameter(INDArray data) {
        this.tensor = leaf(data, true);
    }

    /** A parameter not owned by any module (owns {@code data}, not copied), e.g. for a hand-written model. */
    public static Parameter of(INDArray data) {
        if (data == null || !data.dataType().isFPType()) {
            throw new IllegalArgumentException("parameter data must be a floating-point array; got "
                    + (data == null ? "null" : data.dataType()));
        }
        return new Parameter(data);
    }

    private static Tensor leaf(INDArray data, boolean requiresGrad) {
        return Tensor.of(data).requiresGrad(requiresGrad);
    }

    /** The current tensor: use it in forward passes (gradients accumulate in its {@code grad()}). */
    public Tensor tensor() {
        return tensor;
    }

    /** The values, updated in place by optimisers. */
    public INDArray data() {
        return tensor.data();
    }

    /** The accumulated gradient, or null before the first backward (or after {@link #zeroGrad()}). */
    public Tensor grad() {
        return tensor.grad();
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        tensor.zeroGrad();
    }

    /** True when gradients are computed for this parameter (it counts as trainable). */
    public boolean requiresGrad() {
        return tensor.requiresGrad();
    }

    /** Freezes ({@code false}) or unfreezes the parameter; returns this. */
    public Parameter requiresGrad(boolean requires) {
        tensor.requiresGrad(requires);
        return this;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return tensor.shape();
    }

    /** Number of elements. */
    public long numel() {
        return tensor.numel();
    }

    /** The element type. */
    public DataType dataType() {
        return tensor.dataType();
    }

    Tensor swap(Tensor replacement) {
        Tensor old = tensor;
        tensor = replacement;
        return old;
    }

    void cast(DataType type) {
        if (tensor.dataType() != type) {
            boolean requires = tensor.requiresGrad();
            tensor = leaf(tensor.data().castTo(type), requires);
        }
    }

    @Override
    public String toString() {
        return "Parameter(shape=" + Arrays.toString(shape()) + ", dtype=" + dataType() + ")";
    }
}
