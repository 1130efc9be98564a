package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;

/**
 * A module that computes its output itself rather than through child modules (a layer such as
 * {@link Conv2d} or {@link ReLU}). Its {@link #forward} runs {@link #compute} and reports the call
 * to a {@link Summary} being built, so no layer has to remember to.
 */
public abstract class LeafModule extends Module {
    /** Subclasses register their parameters and buffers in their constructors. */
    protected LeafModule() {
    }

    @Override
    public final Tensor forward(Tensor x) {
        return traced(x, compute(x));
    }

    /** The layer's output for input x: checks x, then computes; called by {@link #forward}. */
    protected abstract Tensor compute(Tensor x);
}
