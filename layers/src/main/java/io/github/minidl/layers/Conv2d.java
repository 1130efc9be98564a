package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.core.geometry.ConvSpec;

/**
 * 2-D convolution layer, PyTorch's {@code nn.Conv2d}:
 * {@code y = conv2d(pad(x), weight, bias, stride, dilation, groups)}, with
 * {@code out = floor((in + before + after - d(k - 1) - 1) / s) + 1} per axis.
 *
 * <p>Parameters: {@code weight [out, in/groups, kH, kW]}, {@code bias [out]} (optional), both
 * U(-1/√fanIn, 1/√fanIn) with fanIn = in/groups·kH·kW (PyTorch's default), float32. Padding is
 * explicit, {@link Padding#VALID} or {@link Padding#SAME}; with a {@link PadMode} other than
 * ZEROS the input is padded first and convolved with padding 0, as PyTorch does.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder(3, 16, 3).stride(2).padding(Padding.SAME).build();
 * }</pre>
 */
public final class Conv2d extends ConvLayer<ConvSpec> {
    private final Padding padding;
    private final PadMode paddingMode;

    /** Stride 1, no padding, dilation 1, groups 1, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    private Conv2d(Conv2dBuilder b) {
        this(b, specOf(b));
    }

    private Conv2d(Conv2dBuilder b, ConvSpec spec) {
        super(spec, spec.weightShape(), spec.inChannels(), spec.outChannels(), spec.groups(), b.bias);
        this.padding = b.padding;
        this.paddingMode = b.paddingMode;
    }

    private static ConvSpec specOf(Conv2dBuilder b) {
        Padding p = Checks.notNull("padding", b.padding);
        if (Checks.notNull("paddingMode", b.paddingMode) == PadMode.CONSTANT) {
            throw new IllegalArgumentException("paddingMode=CONSTANT is F.pad's mode; a Conv2d pads with ZEROS, REFLECT,"
                    + " REPLICATE or CIRCULAR (PyTorch's padding_mode)");
        }
        return b.spec(b.inChannels, b.outChannels).padding(p.explicit()).groups(b.groups).build();
    }

    /** Starts a layer with a kernel of one size (square) or (kH, kW). */
    public static Conv2dBuilder builder(int inChannels, int outChannels, int... kernelSize) {
        return new Conv2dBuilder(inChannels, outChannels, kernelSize);
    }

    /**
     * @param x [N, inChannels, H, W] or unbatched [inChannels, H, W], of the parameters' dtype
     * @return [N, outChannels, Ho, Wo] ([outChannels, Ho, Wo] for an unbatched x)
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.imageOrUnbatched("Conv2d", x, spec.inChannels(), weight.dataType());
        int[] pads = pads(x.shape());
        Tensor in = x;
        int[] convPadding = {pads[0], pads[2]};
        boolean symmetric = pads[0] == pads[1] && pads[2] == pads[3];
        if (paddingMode != PadMode.ZEROS || !symmetric) {
            // F.pad lists the last axis first: (left, right, top, bottom).
            in = F.pad(x, new int[] {pads[2], pads[3], pads[0], pads[1]}, paddingMode, 0);
            convPadding = new int[] {0, 0};
        }
        Tensor y = F.conv2d(in, weight.tensor(), biasTensor(), spec.stride(),
                convPadding, spec.dilation(), spec.groups());
        return y;
    }

    /** The (top, bottom, left, right) padding applied to an input of shape {@code [N, C, H, W]} or {@code [C, H, W]}. */
    public int[] pads(long[] inputShape) {
        int[] out = new int[4];
        for (int a = 0; a < 2; a++) {
            int[] p = padding.amounts(a, Checks.spatial(inputShape, a), spec.kernel(a), spec.stride(a), spec.dilation(a));
            out[2 * a] = p[0];
            out[2 * a + 1] = p[1];
        }
        return out;
    }

    /** The padding rule. */
    public Padding padding() {
        return padding;
    }

    /** How the padding is filled. */
    public PadMode paddingMode() {
        return paddingMode;
    }

    @Override
    long macs(long[] in, long[] out) {
        return in[0] * spec.macs((int) out[2], (int) out[3]);
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        int[] p = pads(in);
        return ReceptiveFieldEffect.sliding("conv", spec.kernelSize(), spec.stride(), spec.dilation(), new int[] {p[0], p[2]});
    }

    @Override
    String summaryType(long[] in) {
        return describe("Conv2d", padding, pads(in));
    }

    @Override
    protected String extraRepr() {
        String p = padding.isSame() || padding.equals(Padding.VALID) ? padding.toString()
                : spec.padding(0) != 0 || spec.padding(1) != 0 ? Checks.tuple(spec.padding()) : null;
        return convRepr(p, null, paddingMode);
    }

    /** Options of a {@link Conv2d}; PyTorch's defaults until set. */
    public static final class Conv2dBuilder extends ConvOptions<Conv2dBuilder> {
        private Padding padding = Padding.of(0);
        private int groups = 1;
        private boolean bias = true;
        private PadMode paddingMode = PadMode.ZEROS;

        private Conv2dBuilder(int inChannels, int outChannels, int[] kernel) {
            super(inChannels, outChannels, kernel);
        }

        /** p on every side, or pH top and bottom and pW left and right. */
        public Conv2dBuilder padding(int... p) { padding = Padding.of(p); return this; }
        /** A padding rule: explicit, {@link Padding#VALID} or {@link Padding#SAME}. */
        public Conv2dBuilder padding(Padding p) { padding = p; return this; }
        /** Groups; in and out channels must be divisible by it. */
        public Conv2dBuilder groups(int g) { groups = g; return this; }
        /** How the padding is filled (ZEROS by default). */
        public Conv2dBuilder paddingMode(PadMode m) { paddingMode = m; return this; }
        /** Leaves the bias out. */
        public Conv2dBuilder withoutBias() { bias = false; return this; }

        /** Validates the options and initialises the parameters from {@link Init}'s generator. */
        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
