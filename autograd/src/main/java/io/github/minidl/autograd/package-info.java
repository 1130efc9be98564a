/**
 * Define-by-run reverse-mode differentiation over ND4J arrays: {@link io.github.minidl.autograd.Tensor},
 * the functional ops of {@link io.github.minidl.autograd.F} and the gradient checker
 * {@link io.github.minidl.autograd.GradCheck}.
 *
 * <p>Every op pairs its forward with a backward written in the same differentiable ops, so the
 * gradient of a gradient works; the input gradient of conv2d is convTranspose2d and vice versa.
 */
package io.github.minidl.autograd;
