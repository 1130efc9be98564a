/**
 * float32 convolutions, 2×2 max pooling, relu's gradient and batch normalization on oneDNN, the library PyTorch's CPU convolutions use, through the
 * JavaCPP binding {@code org.bytedeco:dnnl}. {@link io.github.minidl.core.onednn.OneDnnEngine}
 * wraps ND4J's NCHW buffers as oneDNN memory without copying and keeps one primitive per
 * geometry, so a training step re-uses what the first step built.
 */
package io.github.minidl.core.onednn;
