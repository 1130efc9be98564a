package io.github.minidl.layers.loss;

import io.github.minidl.autograd.Tensor;

/** A criterion comparing a prediction with a target, reduced to a tensor (a scalar unless reduction is NONE). */
public interface Loss {
    /** The loss of {@code input} against {@code target}, recorded for backward. */
    Tensor forward(Tensor input, Tensor target);
}
