package io.github.minidl.layers.optim;

/**
 * What {@link StatefulOptimizer} needs from an options record: the learning rate (which a
 * schedule replaces), the L2 weight decay and maximize, applied to the gradient before the
 * update. The saved state holds every component, through {@link OptionsCodec}.
 */
interface Hyperparameters<O extends Hyperparameters<O>> {
    /** The learning rate. */
    double lr();

    /** The weight decay, a non-negative number. */
    double weightDecay();

    /** Whether the update ascends the objective (the gradient is negated first, as in PyTorch). */
    boolean maximize();

    /** These options with another learning rate. */
    O withLr(double lr);
}
