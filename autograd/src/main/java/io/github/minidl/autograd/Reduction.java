package io.github.minidl.autograd;

/** How a loss combines its per-element values, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** The mean (over samples not ignored, for cross-entropy). */
    MEAN,
    /** The sum. */
    SUM,
    /** No reduction: one value per sample (or element). */
    NONE
}
