/**
 * The fast convolution and matrix kernels. {@link io.github.minidl.core.kernels.ConvKernels} is
 * the entry: it checks arrays against the spec, allocates the output and hands the work to a
 * {@link io.github.minidl.core.kernels.ConvEngine}, chosen once by
 * {@link io.github.minidl.core.kernels.ConvEngines}; {@link io.github.minidl.core.kernels.ActivationKernels}
 * (relu and its gradient) and {@link io.github.minidl.core.kernels.NormKernels} (batch norm in
 * training) hand theirs to the same engine, and {@link io.github.minidl.core.kernels.AdamUpdate}
 * is Adam's update in one pass. minidl's own engine (float64 always runs on
 * it) is im2col / col2im + GEMM through OpenBLAS, with direct loops for depthwise convolutions.
 *
 * <p>Every loop reads and writes arrays through {@code HostBuffer}, the one place where float32
 * and float64 differ: {@code FloatHostBuffer} is written by hand and {@code DoubleHostBuffer}
 * generated from it at build time. Work is split over {@link io.github.minidl.core.kernels.Threads},
 * with scratch buffers reused across calls. {@link io.github.minidl.core.kernels.NativeMemory} is the
 * one place that decides when an ND4J array is freed and whether two arrays share memory, and the
 * one place that allocates outputs without libnd4j's zero fill.
 */
package io.github.minidl.core.kernels;
