/**
 * Neural-network building blocks on autograd tensors: {@link io.github.minidl.layers.Module} with
 * named parameters, buffers and sub-modules, the layers ({@link io.github.minidl.layers.Conv2d},
 * {@link io.github.minidl.layers.DepthwiseSeparableConv2d}, {@link io.github.minidl.layers.ConvTranspose2d},
 * {@link io.github.minidl.layers.Linear}, pooling, the upsampling family ({@link io.github.minidl.layers.ConvTranspose2d},
 * {@link io.github.minidl.layers.MaxUnpool2d}, {@link io.github.minidl.layers.Upsample},
 * {@link io.github.minidl.layers.PixelShuffle}), normalisation, activations) with PyTorch's names,
 * layouts and default initialisation, and {@link io.github.minidl.layers.Summary}.
 */
package io.github.minidl.layers;
