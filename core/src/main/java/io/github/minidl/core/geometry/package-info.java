/**
 * Convolution and pooling geometry, checked once: {@link io.github.minidl.core.geometry.ConvSpec},
 * {@link io.github.minidl.core.geometry.TransposedConvSpec} (its adjoint) and
 * {@link io.github.minidl.core.geometry.PoolSpec}, each a
 * {@link io.github.minidl.core.geometry.WindowGeometry}, enforce PyTorch's rules in their builders and
 * own the output-size arithmetic, {@link io.github.minidl.core.geometry.ConvArguments} derives a
 * spec from array shapes, {@link io.github.minidl.core.geometry.SamePadding} and
 * {@link io.github.minidl.core.geometry.ReceptiveField} do the arithmetic users ask about. Sizes are
 * computed without overflow. No arrays are touched here; the kernels trust what this package let
 * through.
 */
package io.github.minidl.core.geometry;
