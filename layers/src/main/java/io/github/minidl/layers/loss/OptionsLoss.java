package io.github.minidl.layers.loss;

import io.github.minidl.autograd.Tensor;

/**
 * What the loss modules share: their options (a reduction or an options record), refused when
 * null, and forward's null checks before the loss itself.
 *
 * @param <O> the options type
 */
abstract class OptionsLoss<O> implements Loss {
    final O options;

    OptionsLoss(String name, O options) {
        if (options == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        this.options = options;
    }

    @Override
    public final Tensor forward(Tensor input, Tensor target) {
        LossArguments.notNull(input, target);
        return compute(input, target);
    }

    /** The loss of non-null arguments. */
    abstract Tensor compute(Tensor input, Tensor target);
}
