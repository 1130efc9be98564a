package io.github.minidl.layers.optim;

import java.util.Map;

/**
 * What {@link StatefulOptimizer} needs from an options record: the learning rate (which a
 * schedule replaces), maximize, and every value under its PyTorch name for the saved state.
 */
interface Hyperparameters<O extends Hyperparameters<O>> {
    /** The learning rate. */
    double lr();

    /** Whether the update ascends the objective (the gradient is negated first, as in PyTorch). */
    boolean maximize();

    /** These options with another learning rate. */
    O withLr(double lr);

    /** Every value, booleans as 0/1, under PyTorch's names (e.g. {@code weight_decay}), in a fixed order. */
    Map<String, Double> scalars();
}
