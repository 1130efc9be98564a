package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;

/** Merges dimensions startDim..endDim (default 1..-1: [N, ...] -> [N, rest]), PyTorch's {@code nn.Flatten}. */
public final class Flatten extends LeafModule {
    private final int startDim;
    private final int endDim;

    /** Flattens everything but the batch axis. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens startDim..endDim inclusive (negative values count from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** x with the dimensions merged. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Flatten: input", x);
        return F.flatten(x, startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
