/**
 * Convolution geometry and kernels on ND4J arrays; no state, no graph.
 *
 * <p>{@link io.github.minidl.core.ConvSpec} checks a configuration once, and {@link
 * io.github.minidl.core.TransposedConvSpec} is the transposed convolution that is its adjoint; {@link
 * io.github.minidl.core.ConvKernels} computes conv2d, its transpose and their gradients from the
 * same im2col / col2im + GEMM pieces; {@link io.github.minidl.core.ConvViews} spells out the three
 * textbook views of one convolution; {@link io.github.minidl.core.ReceptiveField} does the
 * receptive-field arithmetic; {@link io.github.minidl.core.Init} holds PyTorch's initialisers.
 * {@link io.github.minidl.core.PoolKernels} checks pooling arguments and hands them to loops split
 * by purpose (indexed max pooling, the 2×2 fast path, moves by index, averages). Every kernel reads
 * and writes arrays through {@code HostBuffer}, the one place where float32 and float64 differ.
 */
package io.github.minidl.core;
