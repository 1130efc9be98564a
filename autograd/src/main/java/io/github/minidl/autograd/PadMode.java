package io.github.minidl.autograd;

/**
 * How a border is filled: the mode of {@link F#pad} (PyTorch's {@code F.pad(mode=...)}) and, all
 * but CONSTANT, the {@code paddingMode} of a convolution layer (PyTorch's {@code padding_mode}).
 */
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
