package io.github.minidl.autograd;

import io.github.minidl.core.kernels.NativeMemory;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J array that remembers how it was computed. A leaf with {@code requiresGrad} collects
 * gradients in {@link #grad()} (accumulating across backward calls until {@link #zeroGrad()});
 * a tensor produced by an op while grad mode is on links to the op's node, which
 * {@link #backward()} walks in reverse topological order.
 */
public final class Tensor {
    private final INDArray data;
    private final Node gradFn;
    private boolean requiresGrad;
    private Tensor grad;
    /** True when backward made {@link #grad}'s array for this tensor alone, so clearing it may free it. */
    private boolean gradOwned;
    private String name;

    Tensor(INDArray data, Node gradFn) {
        this.data = Objects.requireNonNull(data, "data");
        this.gradFn = gradFn;
        this.requiresGrad = gradFn != null;
    }

    /** Wraps an array (no copy) as a leaf that does not require grad. */
    public static Tensor of(INDArray data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return new Tensor(data, null);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value, DataType dataType) {
        return of(Nd4j.scalar(value).castTo(dataType));
    }

    /** Zeros of the given dtype and shape. */
    public static Tensor zeros(DataType dataType, long... shape) {
        return of(Nd4j.zeros(dataType, shape));
    }

    /** Ones of the given dtype and shape. */
    public static Tensor ones(DataType dataType, long... shape) {
        return of(Nd4j.ones(dataType, shape));
    }

    /** Switches recording off on this thread until the returned scope is closed. */
    public static GradMode noGrad() {
        return GradMode.disabled();
    }

    // ---- state ------------------------------------------------------------------------

    /**
     * The values (not a copy; in-place changes are seen by the graph).
     *
     * @throws IllegalStateException when the values were freed by a closed {@link MemoryScope}
     */
    public INDArray data() {
        if (isFreed()) {
            throw new IllegalStateException("tensor " + Arrays.toString(data.shape()) + " " + data.dataType()
                    + (gradFn == null ? "" : " (output of op '" + gradFn.op() + "')")
                    + " was freed by a closed MemoryScope; read what you need (item(), data().dup()) before"
                    + " the scope closes, or compute it outside the scope");
        }
        return data;
    }

    /** True when a closed {@link MemoryScope} has freed the values; {@link #data()} then throws. */
    public boolean isFreed() {
        return data.wasClosed();
    }

    /** Marks a leaf as a parameter whose gradient is wanted; returns this. */
    public Tensor requiresGrad(boolean requires) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad can only be changed on a leaf tensor; this one was"
                    + " produced by op '" + gradFn.op() + "' (use detach() to get a leaf)");
        }
        if (requires && !data.dataType().isFPType()) {
            throw new IllegalArgumentException("only floating-point tensors can require grad; this one has dtype "
                    + data.dataType());
        }
        requiresGrad = requires;
        return this;
    }

    /** True when gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for tensors not produced by a recorded op (parameters, inputs, constants). */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient of a leaf, or null before the first backward. */
    public Tensor grad() {
        return grad;
    }

    /** Sets the accumulated gradient (null clears it). */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape(), shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(g.shape())
                    + " does not match tensor shape " + Arrays.toString(shape()));
        }
        grad = g;
        gradOwned = false;
    }

    /** Sets a gradient that backward computed for this tensor alone (a copy or a sum). */
    void setOwnGrad(Tensor g) {
        setGrad(g);
        gradOwned = true;
    }

    /**
     * Clears the accumulated gradient. A gradient that backward computed is freed now rather than
     * by the garbage collector (a training step would otherwise leave a parameter-sized array
     * behind for each parameter); copy it first ({@code grad().data().dup()}) to keep it. A
     * gradient given with {@link #setGrad} is only dropped.
     */
    public void zeroGrad() {
        if (gradOwned) {
            NativeMemory.free(grad.data());
        }
        grad = null;
        gradOwned = false;
    }

    /** A leaf sharing this tensor's values, cut off from the graph. */
    public Tensor detach() {
        return of(data);
    }

    /** The shape (a copy). */
    public long[] shape() {
        return data.shape().clone();
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public long size(int dim) {
        return data.size(Shapes.axis(dim, rank()));
    }

    /** Number of dimensions. */
    public int rank() {
        return data.rank();
    }

    /** Number of elements. */
    public long numel() {
        return data.length();
    }

    /** The element type. */
    public DataType dataType() {
        return data.dataType();
    }

    /** The single value of a one-element tensor. */
    public double item() {
        INDArray values = data();
        if (values.length() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor; this one has shape "
                    + Arrays.toString(shape()));
        }
        return values.getDouble(0);
    }

    /** Name shown in graph exports (e.g. a parameter name); returns this. */
    public Tensor named(String n) {
        this.name = n;
        return this;
    }

    /** The name given by {@link #named}, or null. */
    public String name() {
        return name;
    }

    Node gradFn() {
        return gradFn;
    }

    /** Name of the op that produced this tensor, or null for a leaf. */
    public String opName() {
        return gradFn == null ? null : gradFn.op();
    }

    // ---- backward ---------------------------------------------------------------------

    /** Backward from a one-element tensor (upstream gradient 1); frees the graph. */
    public void backward() {
        if (data.length() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a one-element output; this one has"
                    + " shape " + Arrays.toString(shape()) + ": pass a gradient of that shape");
        }
        backward(of(Nd4j.ones(dataType(), shape())), BackwardOptions.DEFAULT);
    }

    /** Backward with upstream gradient {@code gradient} (same shape as this). */
    public void backward(INDArray gradient) {
        backward(of(gradient), BackwardOptions.DEFAULT);
    }

    /** Backward with upstream gradient {@code gradient} (same shape as this). */
    public void backward(Tensor gradient) {
        backward(gradient, BackwardOptions.DEFAULT);
    }

    /** Backward with upstream gradient {@code gradient} (null means 1 for a one-element tensor). */
    public void backward(Tensor gradient, BackwardOptions options) {
        Tensor g = gradient;
        if (g == null) {
            if (data.length() != 1) {
                throw new IllegalStateException("backward needs a gradient for an output of shape "
                        + Arrays.toString(shape()));
            }
            g = of(Nd4j.ones(dataType(), shape()));
        }
        Engine.run(new Tensor[] {this}, new Tensor[] {g}, null, options);
    }

    // ---- element-wise -----------------------------------------------------------------

    /** this + other, broadcasting. */
    public Tensor add(Tensor other) { return Arithmetic.add(this, other); }
    /** this + c. */
    public Tensor add(double c) { return Arithmetic.add(this, c); }
    /** this - other, broadcasting. */
    public Tensor sub(Tensor other) { return Arithmetic.sub(this, other); }
    /** this - c. */
    public Tensor sub(double c) { return Arithmetic.add(this, -c); }
    /** this * other, broadcasting. */
    public Tensor mul(Tensor other) { return Arithmetic.mul(this, other); }
    /** this * c. */
    public Tensor mul(double c) { return Arithmetic.mul(this, c); }
    /** this / other, broadcasting. */
    public Tensor div(Tensor other) { return Arithmetic.div(this, other); }
    /** this / c. */
    public Tensor div(double c) { return Arithmetic.mul(this, 1.0 / c); }
    /** -this. */
    public Tensor neg() { return Arithmetic.mul(this, -1.0); }
    /** this^p element-wise. */
    public Tensor pow(double p) { return Arithmetic.pow(this, p); }
    /** e^this. */
    public Tensor exp() { return Arithmetic.exp(this); }
    /** Natural logarithm. */
    public Tensor log() { return Arithmetic.log(this); }
    /** Square root. */
    public Tensor sqrt() { return Arithmetic.sqrt(this); }
    /** |this|. */
    public Tensor abs() { return Arithmetic.abs(this); }
    /** max(this, 0). */
    public Tensor relu() { return Activations.relu(this); }
    /** 1 / (1 + e^-this). */
    public Tensor sigmoid() { return Activations.sigmoid(this); }
    /** tanh(this). */
    public Tensor tanh() { return Activations.tanh(this); }

    // ---- reductions -------------------------------------------------------------------

    /** Sum of all elements (rank 0). */
    public Tensor sum() { return Reductions.sum(this, new int[0], false); }
    /** Sum over {@code dims}, which are removed. */
    public Tensor sum(int... dims) { return Reductions.sum(this, dims, false); }
    /** Sum over {@code dims}, which are kept with size 1. */
    public Tensor sumKeepDim(int... dims) { return Reductions.sum(this, dims, true); }
    /** Mean of all elements (rank 0). */
    public Tensor mean() { return Reductions.mean(this, new int[0], false); }
    /** Mean over {@code dims}, which are removed. */
    public Tensor mean(int... dims) { return Reductions.mean(this, dims, false); }
    /** Mean over {@code dims}, which are kept with size 1. */
    public Tensor meanKeepDim(int... dims) { return Reductions.mean(this, dims, true); }

    // ---- shape ------------------------------------------------------------------------

    /** The same values in a new shape (c order; one entry may be -1). */
    public Tensor reshape(long... newShape) { return Shapes.reshape(this, newShape); }
    /** Dimensions reordered: result dim i is this dim {@code dims[i]}. */
    public Tensor permute(int... dims) { return Shapes.permute(this, dims); }
    /** Dimensions d0 and d1 swapped. */
    public Tensor transpose(int d0, int d1) { return Shapes.transpose(this, d0, d1); }
    /** Matrix product with batch dims: [..., n, k] x [..., k, m] -> [..., n, m]. */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(shape=").append(Arrays.toString(shape()))
                .append(", dtype=").append(dataType());
        if (gradFn != null) {
            sb.append(", op=").append(gradFn.op());
        } else if (requiresGrad) {
            sb.append(", requiresGrad");
        }
        return sb.append(')').toString();
    }
}
