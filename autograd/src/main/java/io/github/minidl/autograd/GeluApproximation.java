package io.github.minidl.autograd;

/** Which GELU formula {@link F#gelu(Tensor, GeluApproximation)} uses, as PyTorch's {@code approximate}. */
public enum GeluApproximation {
    /** The exact x·Φ(x) with the Gaussian CDF Φ (PyTorch's default, "none"). */
    NONE,
    /** x·(1 + tanh(√(2/π)(x + 0.044715x³)))/2 ("tanh"). */
    TANH
}
