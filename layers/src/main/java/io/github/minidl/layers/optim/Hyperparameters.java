package io.github.minidl.layers.optim;

/**
 * The hyperparameters every optimiser has, as PyTorch's do: the learning rate (which a schedule
 * replaces), the weight decay and maximize, applied to the gradient by {@link StatefulOptimizer}.
 * Their copies with one value changed are written here once for every options record.
 */
interface Hyperparameters<O extends Record & Hyperparameters<O>> {
    /** The learning rate. */
    double lr();

    /** The weight decay, a non-negative number. */
    double weightDecay();

    /** Whether the update ascends the objective (the gradient is negated first, as in PyTorch). */
    boolean maximize();

    /** These options with learning rate {@code lr}; finite, non-negative. */
    default O withLr(double lr) {
        return OptionsCodec.copyWith(self(), "lr", lr);
    }

    /** These options with weight decay {@code wd}; finite, non-negative. */
    default O withWeightDecay(double wd) {
        return OptionsCodec.copyWith(self(), "weightDecay", wd);
    }

    /** These options maximizing the objective. */
    default O withMaximize() {
        return OptionsCodec.copyWith(self(), "maximize", true);
    }

    @SuppressWarnings("unchecked") // O is the options record implementing this interface
    private O self() {
        return (O) this;
    }
}
