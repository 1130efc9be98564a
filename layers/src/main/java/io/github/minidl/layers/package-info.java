/**
 * Neural-network building blocks on autograd tensors: {@link io.github.minidl.layers.Module} with
 * named parameters, buffers and sub-modules, the layers ({@link io.github.minidl.layers.Conv2d},
 * {@link io.github.minidl.layers.DepthwiseSeparableConv2d}, {@link io.github.minidl.layers.ConvTranspose2d},
 * {@link io.github.minidl.layers.Linear}, pooling, the upsampling family ({@link io.github.minidl.layers.ConvTranspose2d},
 * {@link io.github.minidl.layers.MaxUnpool2d}, {@link io.github.minidl.layers.Upsample},
 * {@link io.github.minidl.layers.PixelShuffle}), normalisation, activations) with PyTorch's names,
 * layouts and default initialisation, and {@link io.github.minidl.layers.Summary}.
 *
 * <p>Shared parts have one owner each: {@link io.github.minidl.layers.LeafModule} traces every
 * layer call, {@link io.github.minidl.layers.ConvOptions} and {@link io.github.minidl.layers.ConvLayer}
 * hold the convolution arguments and geometry (checked by {@code ConvSpec.ConvSpecBuilder}),
 * {@link io.github.minidl.layers.WeightedLayer} the weight and bias of the conv layers and {@code Linear},
 * {@link io.github.minidl.layers.Pool2d} the pooling geometry, and
 * {@link io.github.minidl.layers.Activation} the element-wise functions' input check.
 */
package io.github.minidl.layers;
