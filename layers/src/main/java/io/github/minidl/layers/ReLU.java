package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** max(x, 0), element-wise (PyTorch's {@code nn.ReLU}). */
public final class ReLU extends Activation {
    /** The rectifier. */
    public ReLU() {
    }

    @Override
    Tensor apply(Tensor x) {
        return F.relu(x);
    }
}
