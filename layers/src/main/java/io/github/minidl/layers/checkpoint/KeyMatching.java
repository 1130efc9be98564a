package io.github.minidl.layers.checkpoint;

/**
 * How strictly a loaded state dict's keys must match a model's, as PyTorch's
 * {@code load_state_dict(strict=…)}. Shapes and dtypes of the keys both hold must match either way.
 */
public enum KeyMatching {
    /** Every expected key present, no other key: {@code strict=True}. */
    STRICT,
    /** Missing and unexpected keys are reported, not rejected: {@code strict=False}. */
    LENIENT
}
