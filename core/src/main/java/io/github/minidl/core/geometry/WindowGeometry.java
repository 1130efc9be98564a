package io.github.minidl.core.geometry;

import java.util.Arrays;

/**
 * A kernel window sliding over an (H, W) plane: kernel, stride, padding and dilation, each an
 * (H, W) pair. The part every convolution and pooling spec shares; {@link ConvSpec}, {@link
 * TransposedConvSpec} and {@link PoolSpec} add their own fields and checks.
 */
public abstract class WindowGeometry {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    WindowGeometry(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
    }

    /** Extent of the dilated kernel on an axis: d(k - 1) + 1 (a long: it may exceed int). */
    public long effectiveKernel(int axis) {
        return (long) dilation[axis] * (kernel[axis] - 1) + 1;
    }

    public int[] kernelSize() { return kernel.clone(); }
    public int[] stride() { return stride.clone(); }
    public int[] padding() { return padding.clone(); }
    public int[] dilation() { return dilation.clone(); }
    public int kernel(int axis) { return kernel[axis]; }
    public int stride(int axis) { return stride[axis]; }
    public int padding(int axis) { return padding[axis]; }
    public int dilation(int axis) { return dilation[axis]; }

    /** True when kernel, stride, padding and dilation all equal {@code o}'s. */
    final boolean sameWindow(WindowGeometry o) {
        return Arrays.equals(kernel, o.kernel) && Arrays.equals(stride, o.stride)
                && Arrays.equals(padding, o.padding) && Arrays.equals(dilation, o.dilation);
    }

    final int windowHash() {
        return Arrays.deepHashCode(new Object[] {kernel, stride, padding, dilation});
    }

    /** "kernel=[..], stride=[..], padding=[..], dilation=[..]" for toString. */
    final String windowString() {
        return "kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", padding=" + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation);
    }
}
