package io.github.minidl.autograd;

/** How {@link F#interpolate} reads between input pixels. */
public enum InterpolationMode {
    /** PyTorch's {@code "nearest"}: the pixel at floor(o·scale), no blending. */
    NEAREST,
    /** PyTorch's {@code "bilinear"}: a blend of the four nearest pixels. */
    BILINEAR
}
