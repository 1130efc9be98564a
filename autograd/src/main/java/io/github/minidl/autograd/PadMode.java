package io.github.minidl.autograd;

/** How {@link F#pad} fills the border, as PyTorch's {@code mode} / {@code padding_mode}. */
public enum PadMode {
    /** The given constant value (PyTorch's "constant"). */
    CONSTANT,
    /** Zeros (nn.Conv2d's "zeros"); the value argument is ignored. */
    ZEROS,
    /** Mirror without repeating the edge: index -i for i < 0 (numpy's "reflect"); padding < size. */
    REFLECT,
    /** Repeat the edge value (numpy's "edge"). */
    REPLICATE,
    /** Wrap around: index i mod size (numpy's "wrap"); padding ≤ size. */
    CIRCULAR
}
