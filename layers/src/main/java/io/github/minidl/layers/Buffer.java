package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Non-learnable module state saved in the state dict, such as BatchNorm's running statistics.
 * Like PyTorch's buffers it never requires grad; floating-point buffers follow {@link Module#to}.
 */
public final class Buffer {
    private Tensor tensor;

    Buffer(INDArray data) {
        this.tensor = Tensor.of(data);
    }

    /** The current values as a tensor that does not require grad. */
    public Tensor tensor() {
        return tensor;
    }

    /** The values (updated in place by the owning module). */
    public INDArray data() {
        return tensor.data();
    }

    /** The shape (a copy). */
    public long[] shape() {
        return tensor.shape();
    }

    /** The element type. */
    public DataType dataType() {
        return tensor.dataType();
    }

    void cast(DataType type) {
        if (tensor.dataType().isFPType() && tensor.dataType() != type) {
            tensor = Tensor.of(tensor.data().castTo(type));
        }
    }

    @Override
    public String toString() {
        return "Buffer(shape=" + Arrays.toString(shape()) + ", dtype=" + dataType() + ")";
    }
}
