package io.github.minidl.core.geometry;

import java.util.Arrays;

/**
 * The geometry of a 2-D max or average pooling: kernel, stride (default: the kernel), padding,
 * dilation (max pooling only), ceil mode and, for average pooling, whether padded positions
 * count in the divisor or a fixed divisor. Every spatial value is an (H, W) pair. Immutable, validated with
 * PyTorch's rules on construction.
 */
public final class PoolSpec {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final int divisorOverride;

    private PoolSpec(Builder b) {
        kernel = b.kernel.clone();
        stride = b.stride == null ? b.kernel.clone() : b.stride.clone();
        padding = b.padding.clone();
        dilation = b.dilation.clone();
        ceilMode = b.ceilMode;
        countIncludePad = b.countIncludePad;
        divisorOverride = b.divisorOverride;
        requirePositive("kernelSize", kernel);
        requirePositive("stride", stride);
        requirePositive("dilation", dilation);
        if (padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException("padding=" + Arrays.toString(padding) + " must be non-negative on each axis");
        }
        for (int a = 0; a < 2; a++) {
            if (padding[a] > kernel[a] / 2) {
                throw new IllegalArgumentException(String.format(
                        "padding=%s must be at most half the kernelSize=%s on each axis",
                        Arrays.toString(padding), Arrays.toString(kernel)));
            }
        }
    }

    private static void requirePositive(String name, int[] v) {
        if (v[0] <= 0 || v[1] <= 0) {
            throw new IllegalArgumentException(name + "=" + Arrays.toString(v) + " must be positive on each axis");
        }
    }

    /** Starts a spec with a square kernel; stride = kernel, no padding, dilation 1, floor mode. */
    public static Builder builder(int kernelSize) {
        return new Builder(new int[] {kernelSize, kernelSize});
    }

    /** Starts a spec with a (kH, kW) kernel. */
    public static Builder builder(int[] kernelSize) {
        return new Builder(ConvSpec.pair("kernelSize", kernelSize));
    }

    /**
     * Output (H, W) for an input of (h, w), PyTorch's rule:
     * {@code out = floor_or_ceil((in + 2p - d(k - 1) - 1) / s) + 1}, and in ceil mode one less
     * when the last window would start inside the bottom/right padding.
     */
    public int[] outputSize(int h, int w) {
        int[] in = {h, w};
        int[] out = new int[2];
        for (int a = 0; a < 2; a++) {
            // long: dilation·(kernel − 1) and the padded size overflow an int for large arguments.
            long span = in[a] + 2L * padding[a] - extentOf(a);
            if (span < 0) {
                throw new IllegalArgumentException(String.format(
                        "input size [%d, %d] padded by %s is smaller than the dilated kernel [%d, %d]"
                                + " (kernelSize=%s, dilation=%s): pooling output would be empty",
                        h, w, Arrays.toString(padding), extentOf(0), extentOf(1), Arrays.toString(kernel),
                        Arrays.toString(dilation)));
            }
            long o = (ceilMode ? (span + stride[a] - 1) / stride[a] : span / stride[a]) + 1;
            if (ceilMode && (o - 1) * stride[a] >= in[a] + (long) padding[a]) {
                o--;
            }
            // Padding is at most half the kernel, so o <= in + 1: an int unless in is Integer.MAX_VALUE.
            if (o > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input size [" + h + ", " + w + "] gives pooling output size " + o
                        + "; each output dimension must be at most " + Integer.MAX_VALUE);
            }
            out[a] = (int) o;
        }
        return out;
    }

    private long extentOf(int axis) {
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
    /** Ceil instead of floor in the output size. */
    public boolean ceilMode() { return ceilMode; }
    /** Average pooling divides by the full window, padding included. */
    public boolean countIncludePad() { return countIncludePad; }
    /** Average pooling divides every window by this (PyTorch's {@code divisor_override}); 0 when unset. */
    public int divisorOverride() { return divisorOverride; }

    @Override
    public String toString() {
        return "PoolSpec(kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation)
                + (ceilMode ? ", ceilMode" : "") + (countIncludePad ? "" : ", excludePad")
                + (divisorOverride > 0 ? ", divisorOverride=" + divisorOverride : "") + ")";
    }

    /** Collects the fields of a {@link PoolSpec}. */
    public static final class Builder {
        private final int[] kernel;
        private int[] stride;
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private boolean ceilMode;
        private boolean countIncludePad = true;
        private int divisorOverride;

        private Builder(int[] kernel) {
            this.kernel = kernel;
        }

        public Builder stride(int s) { return stride(new int[] {s, s}); }
        public Builder stride(int[] s) { stride = s == null ? null : ConvSpec.pair("stride", s); return this; }
        public Builder padding(int p) { return padding(new int[] {p, p}); }
        public Builder padding(int[] p) { padding = ConvSpec.pair("padding", p); return this; }
        public Builder dilation(int d) { return dilation(new int[] {d, d}); }
        public Builder dilation(int[] d) { dilation = ConvSpec.pair("dilation", d); return this; }
        /** Ceil mode (PyTorch's {@code ceil_mode}). */
        public Builder ceilMode(boolean on) { ceilMode = on; return this; }
        /** Whether average pooling counts padded positions (PyTorch's {@code count_include_pad}, default true). */
        public Builder countIncludePad(boolean on) { countIncludePad = on; return this; }
        /** Average pooling divides every window by d instead (PyTorch's {@code divisor_override}); positive. */
        public Builder divisorOverride(int d) {
            if (d <= 0) {
                throw new IllegalArgumentException("divisorOverride=" + d + " must be positive");
            }
            divisorOverride = d;
            return this;
        }

        /** Validates and returns the spec. */
        public PoolSpec build() {
            return new PoolSpec(this);
        }
    }
}
