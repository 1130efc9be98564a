/**
 * The three views of one convolution, written to be read: sliding window, im2col times the
 * flattened kernel, and the explicit convolution matrix C whose transpose is the transposed
 * convolution. Slow on purpose; the tests use {@link io.github.minidl.core.views.ConvViews} as the
 * oracle for the fast kernels, and {@code ./minidl views} prints them.
 */
package io.github.minidl.core.views;
