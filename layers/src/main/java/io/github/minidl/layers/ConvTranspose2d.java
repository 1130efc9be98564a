package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.core.geometry.ConvSpec;
import java.util.Arrays;

/**
 * Transposed 2-D convolution layer, PyTorch's {@code nn.ConvTranspose2d}, the adjoint of
 * {@link Conv2d} in x: {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1} per axis.
 *
 * <p>Parameters: {@code weight [in, out/groups, kH, kW]} and {@code bias [out]} (optional), both
 * U(-1/√fanIn, 1/√fanIn) where, as in PyTorch, fanIn = weight.size(1)·kH·kW = out/groups·kH·kW.
 * A stride &gt; 1 makes several input sizes map to one conv output size; {@link #forward(Tensor,
 * int[])} picks the output padding that reaches a requested size, as PyTorch's
 * {@code forward(x, output_size)}.
 */
public final class ConvTranspose2d extends ConvLayer {

    /** Stride 1, no padding, no output padding, groups 1, dilation 1, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    private ConvTranspose2d(Builder b) {
        this(b, b.spec(b.inChannels, b.outChannels).padding(b.padding).outputPadding(b.outputPadding)
                .groups(b.groups).build());
    }

    private ConvTranspose2d(Builder b, ConvSpec spec) {
        super(spec, spec.transposedWeightShape(), b.bias);
    }

    /** Starts a layer with a square kernel. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, new int[] {kernelSize, kernelSize});
    }

    /** Starts a layer with a (kH, kW) kernel. */
    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, new int[] {kernelH, kernelW});
    }

    /**
     * @param x [N, inChannels, H, W] or unbatched [inChannels, H, W]
     * @return [N, outChannels, Ho, Wo] with the layer's output padding ([outChannels, Ho, Wo] unbatched)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("ConvTranspose2d", x, spec.inChannels(), weight.dataType());
        return run(x, spec.outputPadding());
    }

    /**
     * The transposed convolution whose output has spatial size {@code outputSize} ((H, W), or the
     * full [N, C, H, W]); the output padding is {@code size - minSize} per axis, replacing the
     * layer's own, where {@code minSize = (in - 1)s - 2p + d(k - 1) + 1} (PyTorch's rule). Sizes up
     * to {@code minSize + max(s, d) - 1} are accepted, every output padding the constructor accepts;
     * PyTorch stops at {@code minSize + s - 1}, which differs only when dilation exceeds stride.
     *
     * @throws IllegalArgumentException when a size lies outside [minSize, minSize + max(s, d) - 1],
     *     listing the size each valid output padding reaches
     */
    public Tensor forward(Tensor x, int[] outputSize) {
        Checks.imageOrUnbatched("ConvTranspose2d", x, spec.inChannels(), weight.dataType());
        return traced(x, run(x, outputPaddingFor(x.shape(), outputSize)));
    }

    /** The output padding that makes an input of this shape (batched or not) reach {@code outputSize} ((H, W) or the full shape). */
    public int[] outputPaddingFor(long[] inputShape, int[] outputSize) {
        if (outputSize == null) {
            throw new IllegalArgumentException("outputSize must not be null");
        }
        if (outputSize.length != 2 && outputSize.length != inputShape.length) {
            throw new IllegalArgumentException("outputSize=" + Arrays.toString(outputSize)
                    + " must be (H, W) or the full output shape of " + inputShape.length + " dimensions");
        }
        int[] size = Arrays.copyOfRange(outputSize, outputSize.length - 2, outputSize.length);
        int[] in = {Checks.spatial(inputShape, 0), Checks.spatial(inputShape, 1)};
        int[] op = new int[2];
        long[] min = new long[2];
        boolean reachable = true;
        for (int a = 0; a < 2; a++) {
            min[a] = (in[a] - 1L) * spec.stride(a) - 2L * spec.padding(a) + spec.effectiveKernel(a);
            long gap = size[a] - min[a];
            reachable &= gap >= 0 && gap < limit(a) && size[a] >= 1;
            op[a] = (int) Math.max(0, Math.min(gap, limit(a)));
        }
        if (!reachable) {
            StringBuilder sb = new StringBuilder(String.format(
                    "outputSize=%s is unreachable from input %s with stride=%s, padding=%s, dilation=%s,"
                            + " kernelSize=%s; valid sizes:", Arrays.toString(size), Arrays.toString(in),
                    Arrays.toString(spec.stride()), Arrays.toString(spec.padding()),
                    Arrays.toString(spec.dilation()), Arrays.toString(spec.kernelSize())));
            String[] axis = {"H", "W"};
            for (int a = 0; a < 2; a++) {
                sb.append(a == 0 ? " " : "; ").append(axis[a]).append(':');
                for (int o = 0; o < limit(a); o++) {
                    if (min[a] + o >= 1) {
                        sb.append(o == 0 ? " " : ", ").append("outputPadding ").append(o).append(" gives ")
                                .append(min[a] + o);
                    }
                }
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return op;
    }

    private int limit(int axis) {
        return Math.max(spec.stride(axis), spec.dilation(axis));
    }

    private Tensor run(Tensor x, int[] outputPadding) {
        return F.convTranspose2d(x, weight.tensor(), bias == null ? null : bias.tensor(), spec.stride(),
                spec.padding(), outputPadding, spec.groups(), spec.dilation());
    }

    @Override
    long macs(long[] in, long[] out) {
        return in[0] * in[1] * in[2] * in[3] * (spec.outChannels() / spec.groups()) * spec.kernel(0) * spec.kernel(1);
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.UNKNOWN;
    }

    @Override
    String summaryType(long[] in) {
        String s = describe("ConvTranspose2d", Padding.of(spec.padding(0), spec.padding(1)),
                new int[] {spec.padding(0), spec.padding(0), spec.padding(1), spec.padding(1)});
        return spec.outputPadding(0) + spec.outputPadding(1) > 0 ? s + " op" + Checks.tuple(spec.outputPadding()) : s;
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.inChannels()).append(", ").append(spec.outChannels())
                .append(", kernel_size=").append(Checks.tuple(spec.kernelSize()))
                .append(", stride=").append(Checks.tuple(spec.stride()));
        if (spec.padding(0) != 0 || spec.padding(1) != 0) {
            sb.append(", padding=").append(Checks.tuple(spec.padding()));
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            sb.append(", dilation=").append(Checks.tuple(spec.dilation()));
        }
        if (spec.outputPadding(0) != 0 || spec.outputPadding(1) != 0) {
            sb.append(", output_padding=").append(Checks.tuple(spec.outputPadding()));
        }
        if (spec.groups() != 1) {
            sb.append(", groups=").append(spec.groups());
        }
        if (bias == null) {
            sb.append(", bias=False");
        }
        return sb.toString();
    }

    /** Options of a {@link ConvTranspose2d}; PyTorch's defaults until set. */
    public static final class Builder extends ConvOptions<Builder> {
        private int[] padding = {0, 0};
        private int[] outputPadding = {0, 0};
        private int groups = 1;
        private boolean bias = true;

        private Builder(int inChannels, int outChannels, int[] kernel) {
            super(inChannels, outChannels, kernel);
        }

        /** Cropping p on every side of the full output. */
        public Builder padding(int p) { padding = new int[] {p, p}; return this; }
        /** Cropping (pH, pW). */
        public Builder padding(int h, int w) { padding = new int[] {h, w}; return this; }
        /** Extra rows/columns at the bottom/right; must be below max(stride, dilation). */
        public Builder outputPadding(int o) { outputPadding = new int[] {o, o}; return this; }
        /** Output padding (oH, oW). */
        public Builder outputPadding(int h, int w) { outputPadding = new int[] {h, w}; return this; }
        /** Groups; in and out channels must be divisible by it. */
        public Builder groups(int g) { groups = g; return this; }
        /** Leaves the bias out. */
        public Builder withoutBias() { bias = false; return this; }

        /** Validates the options and initialises the parameters from {@link Init}'s generator. */
        public ConvTranspose2d build() {
            return new ConvTranspose2d(this);
        }
    }
}
