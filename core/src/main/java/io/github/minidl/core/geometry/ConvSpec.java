package io.github.minidl.core.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * The geometry of one 2-D convolution: channels, kernel, stride, padding, dilation and groups,
 * every spatial value an (H, W) pair; weight {@code [out, in/groups, kH, kW]}.
 *
 * <p>Immutable and validated on construction with the rules PyTorch enforces; kernels trust it.
 * A transposed convolution is a {@link TransposedConvSpec}: {@link #transposeOf(int, int)} gives
 * the one whose output restores this convolution's input, and its {@link
 * TransposedConvSpec#adjoint()} is this spec again. {@link ConvSpecBuilder} holds the arguments of both.
 */
public final class ConvSpec extends WindowGeometry {
    private final int inChannels;
    private final int outChannels;
    private final int groups;

    private ConvSpec(int inChannels, int outChannels, ConvSpecBuilder b) {
        super(b.kernel, b.stride, b.padding, b.dilation);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = b.groups;
    }

    /**
     * Starts a spec with a kernel of one size (square) or an (H, W) pair; stride 1, padding 0,
     * dilation 1, groups 1.
     */
    public static ConvSpecBuilder builder(int inChannels, int outChannels, int... kernelSize) {
        return new ConvSpecBuilder(inChannels, outChannels, ConvArguments.pair("kernelSize", kernelSize));
    }

    /** A copy of this spec as a builder, to change one field. */
    public ConvSpecBuilder toBuilder() {
        return builder(inChannels, outChannels, kernelSize()).stride(stride()).padding(padding())
                .dilation(dilation()).groups(groups);
    }

    // ---- size arithmetic ----------------------------------------------------------------

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
            long span = in[a] + 2L * padding(a) - effectiveKernel(a);
            out[a] = span < 0 ? 0 : span / stride(a) + 1;
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new IllegalArgumentException(String.format(
                    "input size [%d, %d] padded by %s is smaller than the dilated kernel [%d, %d]"
                            + " (dilation=%s, kernelSize=%s): the output size %s must be at least 1 on each axis",
                    h, w, Arrays.toString(padding()), effectiveKernel(0), effectiveKernel(1),
                    Arrays.toString(dilation()), Arrays.toString(kernelSize()), Arrays.toString(out)));
        }
        if (out[0] > Integer.MAX_VALUE || out[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "padding=%s on input size [%d, %d] gives output size %s; each output dimension must be at most %d",
                    Arrays.toString(padding()), h, w, Arrays.toString(out), Integer.MAX_VALUE));
        }
        return new int[] {(int) out[0], (int) out[1]};
    }

    /**
     * The transposed convolution that is the adjoint of this convolution for an input of
     * (h, w): channels swapped, the same weight, and the output padding that restores (h, w).
     */
    public TransposedConvSpec transposeOf(int h, int w) {
        int[] in = {h, w};
        int[] op = new int[2];
        for (int a = 0; a < 2; a++) {
            op[a] = (int) ((in[a] + 2L * padding(a) - effectiveKernel(a)) % stride(a));
        }
        return new TransposedConvSpec(this, op);
    }

    /** Weight shape: {@code [out, in/groups, kH, kW]}. */
    public long[] weightShape() {
        return new long[] {outChannels, inChannels / groups, kernel(0), kernel(1)};
    }

    /** Multiply-accumulates for one sample with output (ho, wo). */
    public long macs(int ho, int wo) {
        return (long) outChannels * ho * wo * (inChannels / groups) * kernel(0) * kernel(1);
    }

    public int inChannels() { return inChannels; }
    public int outChannels() { return outChannels; }
    public int groups() { return groups; }

    /** True when every input channel is filtered on its own (groups = inChannels). */
    public boolean isDepthwise() {
        return groups == inChannels && groups > 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvSpec s && inChannels == s.inChannels && outChannels == s.outChannels
                && groups == s.groups && sameWindow(s);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inChannels, outChannels, groups, windowHash());
    }

    @Override
    public String toString() {
        return "ConvSpec(" + inChannels + " -> " + outChannels + ", " + windowString()
                + (groups != 1 ? ", groups=" + groups : "") + ")";
    }

    /**
     * The arguments of a convolution or a transposed convolution, with PyTorch's defaults;
     * {@link #build()} and {@link #buildTransposed()} check them. Each setter takes one value for
     * both axes or an (H, W) pair.
     */
    public static final class ConvSpecBuilder {
        private final int inChannels;
        private final int outChannels;
        private final int[] kernel;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private int[] outputPadding = {0, 0};
        private int groups = 1;

        private ConvSpecBuilder(int inChannels, int outChannels, int[] kernel) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel;
        }

        public ConvSpecBuilder stride(int... s) { stride = ConvArguments.pair("stride", s); return this; }
        public ConvSpecBuilder padding(int... p) { padding = ConvArguments.pair("padding", p); return this; }
        public ConvSpecBuilder dilation(int... d) { dilation = ConvArguments.pair("dilation", d); return this; }
        /** Transposed convolutions only: extra rows/columns at the bottom/right of the output. */
        public ConvSpecBuilder outputPadding(int... o) { outputPadding = ConvArguments.pair("outputPadding", o); return this; }
        public ConvSpecBuilder groups(int g) { groups = g; return this; }

        /** Validates and returns the convolution {@code inChannels -> outChannels}. */
        public ConvSpec build() {
            if (outputPadding[0] != 0 || outputPadding[1] != 0) {
                throw new IllegalArgumentException("outputPadding=" + Arrays.toString(outputPadding)
                        + " applies to a transposed convolution only; use buildTransposed()");
            }
            validate("outChannels", outChannels, "inChannels", inChannels);
            return new ConvSpec(inChannels, outChannels, this);
        }

        /**
         * Validates and returns the transposed convolution {@code inChannels -> outChannels},
         * weight {@code [in, out/groups, kH, kW]}: the adjoint of the convolution
         * {@code outChannels -> inChannels} with the same weight.
         */
        public TransposedConvSpec buildTransposed() {
            validate("inChannels", inChannels, "outChannels", outChannels);
            return new TransposedConvSpec(new ConvSpec(outChannels, inChannels, this), outputPadding);
        }

        /**
         * PyTorch's rules, named as the caller gave the arguments; the weight is
         * {@code [first, second/groups, kH, kW]}.
         */
        private void validate(String first, int firstChannels, String second, int secondChannels) {
            ConvArguments.requirePositive("inChannels", inChannels);
            ConvArguments.requirePositive("outChannels", outChannels);
            ConvArguments.requirePositive("groups", groups);
            ConvArguments.positivePair("kernelSize", kernel);
            ConvArguments.positivePair("stride", stride);
            ConvArguments.positivePair("dilation", dilation);
            ConvArguments.nonNegativePair("padding", padding);
            requireDivisible("inChannels", inChannels);
            requireDivisible("outChannels", outChannels);
            long[] weight = {firstChannels, secondChannels / groups, kernel[0], kernel[1]};
            long elements = Sizes.product(weight);
            if (elements > Sizes.MAX_ELEMENTS) {
                throw new IllegalArgumentException(String.format(
                        "weight %s (%s=%d, %s=%d, groups=%d, kernelSize=%s) has %s elements;"
                                + " one array holds at most %d: reduce the channels or the kernel",
                        Arrays.toString(weight), first, firstChannels, second, secondChannels, groups,
                        Arrays.toString(kernel), Sizes.describe(elements), Sizes.MAX_ELEMENTS));
            }
        }

        private void requireDivisible(String name, int channels) {
            if (channels % groups != 0) {
                throw new IllegalArgumentException(String.format(
                        "%s=%d must be divisible by groups=%d", name, channels, groups));
            }
        }
    }
}
