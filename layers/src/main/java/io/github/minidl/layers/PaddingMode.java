package io.github.minidl.layers;

import io.github.minidl.autograd.PadMode;

/** How {@link Conv2d} fills its padding, PyTorch's {@code padding_mode}. */
public enum PaddingMode {
    /** Zeros (the default). */
    ZEROS(PadMode.ZEROS),
    /** Mirror without repeating the edge; padding must be smaller than the input. */
    REFLECT(PadMode.REFLECT),
    /** Repeat the edge value. */
    REPLICATE(PadMode.REPLICATE),
    /** Wrap around; padding must not exceed the input. */
    CIRCULAR(PadMode.CIRCULAR);

    private final PadMode padMode;

    PaddingMode(PadMode padMode) {
        this.padMode = padMode;
    }

    PadMode padMode() {
        return padMode;
    }
}
