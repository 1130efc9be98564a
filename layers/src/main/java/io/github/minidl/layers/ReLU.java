package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** max(x, 0), element-wise (PyTorch's {@code nn.ReLU}). */
public final class ReLU extends LeafModule {
    /** The rectifier. */
    public ReLU() {
    }

    /** Applies the function element-wise; any shape. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("ReLU: input", x);
        return F.relu(x);
    }
}
