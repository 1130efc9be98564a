package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** max(x, 0), element-wise (PyTorch's {@code nn.ReLU}). */
public final class ReLU extends Module {
    /** The rectifier. */
    public ReLU() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.notNull("ReLU: input", x);
        return traced(x, F.relu(x));
    }
}
