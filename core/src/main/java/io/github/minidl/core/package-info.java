/**
 * minidl's numerical core on ND4J arrays: no graph, no state. {@link io.github.minidl.core.Init}
 * holds PyTorch's initialisers and {@link io.github.minidl.core.RangeChecks} the range checks of
 * hyperparameters; the rest lives in packages that follow one convolution from its arguments to
 * its loops:
 * <ul>
 *   <li>{@link io.github.minidl.core.geometry}: what a convolution or pooling is (sizes, the
 *       transposed spec, receptive fields) and the checks of its arguments;</li>
 *   <li>{@link io.github.minidl.core.views}: the three textbook views of one convolution, the
 *       slow oracle the kernels are tested against;</li>
 *   <li>{@link io.github.minidl.core.kernels}: the fast convolution and matrix kernels, the
 *       engine seam under them, the host buffers where float32 and float64 differ, and the
 *       one owner of freeing native memory;</li>
 *   <li>{@link io.github.minidl.core.onednn}: the oneDNN engine for float32 convolutions, 2×2 max pooling, relu's
 *       gradient and batch normalization;</li>
 *   <li>{@link io.github.minidl.core.pooling}: pooling and resampling kernels.</li>
 * </ul>
 */
package io.github.minidl.core;
