package io.github.minidl.core.geometry;

import java.util.Arrays;

/**
 * The geometry of a 2-D max or average pooling: kernel, stride (default: the kernel), padding,
 * dilation (max pooling only), ceil mode and, for average pooling, whether padded positions
 * count in the divisor or a fixed divisor. Every spatial value is an (H, W) pair. Immutable, validated with
 * PyTorch's rules on construction.
 */
public final class PoolSpec extends WindowGeometry {
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final int divisorOverride;

    private PoolSpec(PoolSpecBuilder b) {
        super(b.kernel, b.stride == null ? b.kernel : b.stride, b.padding, b.dilation);
        ceilMode = b.ceilMode;
        countIncludePad = b.countIncludePad;
        divisorOverride = b.divisorOverride;
        ConvArguments.positivePair("kernelSize", kernelSize());
        ConvArguments.positivePair("stride", stride());
        ConvArguments.positivePair("dilation", dilation());
        ConvArguments.nonNegativePair("padding", padding());
        for (int a = 0; a < 2; a++) {
            if (padding(a) > kernel(a) / 2) {
                throw new IllegalArgumentException(String.format(
                        "padding=%s must be at most half the kernelSize=%s on each axis",
                        Arrays.toString(padding()), Arrays.toString(kernelSize())));
            }
        }
    }

    /** Starts a spec with a square kernel; stride = kernel, no padding, dilation 1, floor mode. */
    public static PoolSpecBuilder builder(int kernelSize) {
        return new PoolSpecBuilder(new int[] {kernelSize, kernelSize});
    }

    /** Starts a spec with a (kH, kW) kernel. */
    public static PoolSpecBuilder builder(int[] kernelSize) {
        return new PoolSpecBuilder(ConvArguments.pair("kernelSize", kernelSize));
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
            long span = in[a] + 2L * padding(a) - effectiveKernel(a);
            if (span < 0) {
                throw new IllegalArgumentException(String.format(
                        "input size [%d, %d] padded by %s is smaller than the dilated kernel [%d, %d]"
                                + " (kernelSize=%s, dilation=%s): pooling output would be empty",
                        h, w, Arrays.toString(padding()), effectiveKernel(0), effectiveKernel(1),
                        Arrays.toString(kernelSize()), Arrays.toString(dilation())));
            }
            int s = stride(a);
            long o = (ceilMode ? (span + s - 1) / s : span / s) + 1;
            if (ceilMode && (o - 1) * s >= in[a] + (long) padding(a)) {
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

    /** Ceil instead of floor in the output size. */
    public boolean ceilMode() { return ceilMode; }
    /** Average pooling divides by the full window, padding included. */
    public boolean countIncludePad() { return countIncludePad; }
    /** Average pooling divides every window by this (PyTorch's {@code divisor_override}); 0 when unset. */
    public int divisorOverride() { return divisorOverride; }

    @Override
    public String toString() {
        return "PoolSpec(" + windowString()
                + (ceilMode ? ", ceilMode" : "") + (countIncludePad ? "" : ", excludePad")
                + (divisorOverride > 0 ? ", divisorOverride=" + divisorOverride : "") + ")";
    }

    /** Collects the fields of a {@link PoolSpec}. */
    public static final class PoolSpecBuilder {
        private final int[] kernel;
        private int[] stride;
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private boolean ceilMode;
        private boolean countIncludePad = true;
        private int divisorOverride;

        private PoolSpecBuilder(int[] kernel) {
            this.kernel = kernel;
        }

        public PoolSpecBuilder stride(int s) { return stride(new int[] {s, s}); }
        public PoolSpecBuilder stride(int[] s) { stride = s == null ? null : ConvArguments.pair("stride", s); return this; }
        public PoolSpecBuilder padding(int p) { return padding(new int[] {p, p}); }
        public PoolSpecBuilder padding(int[] p) { padding = ConvArguments.pair("padding", p); return this; }
        public PoolSpecBuilder dilation(int d) { return dilation(new int[] {d, d}); }
        public PoolSpecBuilder dilation(int[] d) { dilation = ConvArguments.pair("dilation", d); return this; }
        /** Ceil mode (PyTorch's {@code ceil_mode}). */
        public PoolSpecBuilder ceilMode(boolean on) { ceilMode = on; return this; }
        /** Whether average pooling counts padded positions (PyTorch's {@code count_include_pad}, default true). */
        public PoolSpecBuilder countIncludePad(boolean on) { countIncludePad = on; return this; }
        /** Average pooling divides every window by d instead (PyTorch's {@code divisor_override}); positive. */
        public PoolSpecBuilder divisorOverride(int d) {
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
