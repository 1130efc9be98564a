package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/** Returns its input unchanged (a placeholder, PyTorch's {@code nn.Identity}). */
public final class Identity extends LeafModule {
    /** The identity. */
    public Identity() {
    }

    /** x itself. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Identity: input", x);
        return x;
    }
}
