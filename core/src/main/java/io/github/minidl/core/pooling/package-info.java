/**
 * Pooling and resampling kernels on NCHW arrays, float32 or float64.
 * {@link io.github.minidl.core.pooling.PoolKernels} checks the arguments and hands them to loops
 * split by purpose: indexed max pooling, the 2×2 stride-2 fast path, moves by index (gather,
 * scatter, unpool) and averages; adaptive pooling and up-sampling have their own entries. Arrays
 * are read and written through the kernels' host buffers.
 */
package io.github.minidl.core.pooling;
