package io.github.minidl.core.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * The geometry of one 2-D convolution: channels, kernel, stride, padding, dilation, groups and,
 * for transposed convolutions, output padding. Every spatial value is an (H, W) pair.
 *
 * <p>Immutable and validated on construction with the rules PyTorch enforces; kernels trust it.
 * The same spec describes a convolution ({@code inChannels -> outChannels}, weight
 * {@code [out, in/groups, kH, kW]}) and a transposed convolution ({@code inChannels ->
 * outChannels}, weight {@code [in, out/groups, kH, kW]}); {@link #adjoint()} and {@link
 * #transposeOf(int, int)} turn one into the other.
 */
public final class ConvSpec {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int[] outputPadding;
    private final int groups;

    private ConvSpec(Builder b) {
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding.clone();
        this.dilation = b.dilation.clone();
        this.outputPadding = b.outputPadding.clone();
        this.groups = b.groups;
        validate();
    }

    /** Starts a spec with a square kernel; stride 1, padding 0, dilation 1, groups 1. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, new int[] {kernelSize, kernelSize});
    }

    /** Starts a spec with a (kH, kW) kernel. */
    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, new int[] {kernelH, kernelW});
    }

    /** Starts a spec with a kernel given as an (H, W) pair. */
    public static Builder builder(int inChannels, int outChannels, int[] kernelSize) {
        return new Builder(inChannels, outChannels, pair("kernelSize", kernelSize));
    }

    /** A copy of this spec as a builder, to change one field. */
    public Builder toBuilder() {
        return new Builder(inChannels, outChannels, kernel)
                .stride(stride).padding(padding).dilation(dilation)
                .outputPadding(outputPadding).groups(groups);
    }

    private void validate() {
        requirePositive("inChannels", inChannels);
        requirePositive("outChannels", outChannels);
        requirePositive("groups", groups);
        requirePositivePair("kernelSize", kernel);
        requirePositivePair("stride", stride);
        requirePositivePair("dilation", dilation);
        requireNonNegativePair("padding", padding);
        requireNonNegativePair("outputPadding", outputPadding);
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException(String.format(
                    "inChannels=%d must be divisible by groups=%d", inChannels, groups));
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException(String.format(
                    "outChannels=%d must be divisible by groups=%d", outChannels, groups));
        }
        for (int a = 0; a < 2; a++) {
            if (outputPadding[a] >= Math.max(stride[a], dilation[a])) {
                int[] limit = {Math.max(stride[0], dilation[0]), Math.max(stride[1], dilation[1])};
                throw new IllegalArgumentException(String.format(
                        "outputPadding=%s must be smaller than max(stride, dilation)=%s on each axis",
                        Arrays.toString(outputPadding), Arrays.toString(limit)));
            }
        }
        long weights = Sizes.product(outChannels, inChannels / groups, kernel[0], kernel[1]);
        if (weights > Sizes.MAX_ELEMENTS) {
            throw new IllegalArgumentException(String.format(
                    "weight [%d, %d, %d, %d] (outChannels=%d, inChannels=%d, groups=%d, kernelSize=%s) has %s"
                            + " elements; one array holds at most %d: reduce the channels or the kernel",
                    outChannels, inChannels / groups, kernel[0], kernel[1], outChannels, inChannels, groups,
                    Arrays.toString(kernel), Sizes.describe(weights), Sizes.MAX_ELEMENTS));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be positive");
        }
    }

    private static void requirePositivePair(String name, int[] v) {
        if (v[0] <= 0 || v[1] <= 0) {
            throw new IllegalArgumentException(
                    name + "=" + Arrays.toString(v) + " must be positive on each axis");
        }
    }

    private static void requireNonNegativePair(String name, int[] v) {
        if (v[0] < 0 || v[1] < 0) {
            throw new IllegalArgumentException(
                    name + "=" + Arrays.toString(v) + " must be non-negative on each axis");
        }
    }

    /** {@code v} as an (H, W) pair, one value meaning both axes; internal to core (kernels and pooling specs). */
    public static int[] pair(String name, int[] v) {
        Objects.requireNonNull(v, () -> name + " must not be null");
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new IllegalArgumentException(name + "=" + Arrays.toString(v)
                    + " must have one value or an (H, W) pair");
        }
        return v.clone();
    }

    // ---- size arithmetic ----------------------------------------------------------------

    /** Extent of the dilated kernel on an axis: d(k - 1) + 1 (a long: it may exceed int). */
    public long effectiveKernel(int axis) {
        return (long) dilation[axis] * (kernel[axis] - 1) + 1;
    }

    /**
     * Output (H, W) of the convolution for an input of (h, w):
     * {@code out = floor((in + 2p - d(k - 1) - 1) / s) + 1}, computed in long.
     *
     * @throws IllegalArgumentException when the output would be empty or larger than an int
     */
    public int[] outputSize(int h, int w) {
        int[] in = {h, w};
        long[] out = new long[2];
        for (int a = 0; a < 2; a++) {
            long span = in[a] + 2L * padding[a] - effectiveKernel(a);
            out[a] = span < 0 ? 0 : span / stride[a] + 1;
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new IllegalArgumentException(String.format(
                    "input size [%d, %d] padded by %s is smaller than the dilated kernel [%d, %d]"
                            + " (dilation=%s, kernelSize=%s): the output size %s must be at least 1 on each axis",
                    h, w, Arrays.toString(padding), effectiveKernel(0), effectiveKernel(1), Arrays.toString(dilation),
                    Arrays.toString(kernel), Arrays.toString(out)));
        }
        if (out[0] > Integer.MAX_VALUE || out[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "padding=%s on input size [%d, %d] gives output size %s; each output dimension must be at most %d",
                    Arrays.toString(padding), h, w, Arrays.toString(out), Integer.MAX_VALUE));
        }
        return new int[] {(int) out[0], (int) out[1]};
    }

    /**
     * Output (H, W) of the transposed convolution for an input of (h, w):
     * {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1}, computed in long.
     *
     * @throws IllegalArgumentException when the output would be empty or larger than an int
     */
    public int[] transposedOutputSize(int h, int w) {
        int[] in = {h, w};
        long[] out = new long[2];
        for (int a = 0; a < 2; a++) {
            out[a] = (in[a] - 1L) * stride[a] - 2L * padding[a] + effectiveKernel(a) + outputPadding[a];
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new IllegalArgumentException(String.format(
                    "transposed convolution of input size [%d, %d] with padding=%s gives output size %s;"
                            + " it must be at least 1 on each axis (reduce padding)",
                    h, w, Arrays.toString(padding), Arrays.toString(out)));
        }
        if (out[0] > Integer.MAX_VALUE || out[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "transposed convolution of input size [%d, %d] with stride=%s, dilation=%s, kernelSize=%s"
                            + " gives output size %s; each output dimension must be at most %d",
                    h, w, Arrays.toString(stride), Arrays.toString(dilation), Arrays.toString(kernel),
                    Arrays.toString(out), Integer.MAX_VALUE));
        }
        return new int[] {(int) out[0], (int) out[1]};
    }

    /**
     * The transposed convolution that is the adjoint of this convolution for an input of
     * (h, w): channels swapped, output padding chosen so that it restores (h, w) exactly.
     */
    public ConvSpec transposeOf(int h, int w) {
        int[] in = {h, w};
        int[] op = new int[2];
        for (int a = 0; a < 2; a++) {
            op[a] = (int) ((in[a] + 2L * padding[a] - effectiveKernel(a)) % stride[a]);
        }
        return new Builder(outChannels, inChannels, kernel).stride(stride).padding(padding)
                .dilation(dilation).groups(groups).outputPadding(op).build();
    }

    /** The convolution that is the adjoint of this transposed convolution: channels swapped. */
    public ConvSpec adjoint() {
        return new Builder(outChannels, inChannels, kernel).stride(stride).padding(padding)
                .dilation(dilation).groups(groups).build();
    }

    /** Weight shape of the convolution: {@code [out, in/groups, kH, kW]}. */
    public long[] weightShape() {
        return new long[] {outChannels, inChannels / groups, kernel[0], kernel[1]};
    }

    /** Weight shape of the transposed convolution: {@code [in, out/groups, kH, kW]}. */
    public long[] transposedWeightShape() {
        return new long[] {inChannels, outChannels / groups, kernel[0], kernel[1]};
    }

    /** Multiply-accumulates of the convolution for one sample with output (ho, wo). */
    public long macs(int ho, int wo) {
        return (long) outChannels * ho * wo * (inChannels / groups) * kernel[0] * kernel[1];
    }

    // ---- accessors ----------------------------------------------------------------------

    public int inChannels() { return inChannels; }
    public int outChannels() { return outChannels; }
    public int groups() { return groups; }
    public int[] kernelSize() { return kernel.clone(); }
    public int[] stride() { return stride.clone(); }
    public int[] padding() { return padding.clone(); }
    public int[] dilation() { return dilation.clone(); }
    public int[] outputPadding() { return outputPadding.clone(); }
    public int kernel(int axis) { return kernel[axis]; }
    public int stride(int axis) { return stride[axis]; }
    public int padding(int axis) { return padding[axis]; }
    public int dilation(int axis) { return dilation[axis]; }
    public int outputPadding(int axis) { return outputPadding[axis]; }

    /** True when every input channel is filtered on its own (groups = inChannels). */
    public boolean isDepthwise() {
        return groups == inChannels && groups > 1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConvSpec)) {
            return false;
        }
        ConvSpec s = (ConvSpec) o;
        return inChannels == s.inChannels && outChannels == s.outChannels && groups == s.groups
                && Arrays.equals(kernel, s.kernel) && Arrays.equals(stride, s.stride)
                && Arrays.equals(padding, s.padding) && Arrays.equals(dilation, s.dilation)
                && Arrays.equals(outputPadding, s.outputPadding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inChannels, outChannels, groups, Arrays.hashCode(kernel),
                Arrays.hashCode(stride), Arrays.hashCode(padding), Arrays.hashCode(dilation),
                Arrays.hashCode(outputPadding));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConvSpec(").append(inChannels).append(" -> ")
                .append(outChannels).append(", kernel=").append(Arrays.toString(kernel));
        sb.append(", stride=").append(Arrays.toString(stride));
        sb.append(", padding=").append(Arrays.toString(padding));
        sb.append(", dilation=").append(Arrays.toString(dilation));
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (outputPadding[0] != 0 || outputPadding[1] != 0) {
            sb.append(", outputPadding=").append(Arrays.toString(outputPadding));
        }
        return sb.append(')').toString();
    }

    /** Collects the fields of a {@link ConvSpec}; {@link #build()} validates them. */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final int[] kernel;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private int[] outputPadding = {0, 0};
        private int groups = 1;

        private Builder(int inChannels, int outChannels, int[] kernel) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel.clone();
        }

        public Builder stride(int s) { return stride(new int[] {s, s}); }
        public Builder stride(int h, int w) { return stride(new int[] {h, w}); }
        public Builder stride(int[] s) { stride = pair("stride", s); return this; }
        public Builder padding(int p) { return padding(new int[] {p, p}); }
        public Builder padding(int h, int w) { return padding(new int[] {h, w}); }
        public Builder padding(int[] p) { padding = pair("padding", p); return this; }
        public Builder dilation(int d) { return dilation(new int[] {d, d}); }
        public Builder dilation(int h, int w) { return dilation(new int[] {h, w}); }
        public Builder dilation(int[] d) { dilation = pair("dilation", d); return this; }
        public Builder outputPadding(int o) { return outputPadding(new int[] {o, o}); }
        public Builder outputPadding(int h, int w) { return outputPadding(new int[] {h, w}); }
        public Builder outputPadding(int[] o) { outputPadding = pair("outputPadding", o); return this; }
        public Builder groups(int g) { groups = g; return this; }

        /** Validates and returns the spec. */
        public ConvSpec build() {
            return new ConvSpec(this);
        }
    }
}
