package io.github.minidl.layers;

import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;

/**
 * A depthwise-separable convolution: a depthwise {@link Conv2d} (groups = in, depth multiplier m,
 * so channel {@code c·m + j} filters input channel c), an optional normalisation and activation,
 * then a pointwise 1×1 {@link Conv2d} mixing the {@code in·m} channels into {@code out}.
 *
 * <p>Parameters: {@code k²·in·m + in·m·out} weights plus biases ({@code in·m} and {@code out},
 * each optional), against {@code k²·in·out + out} for a standard convolution. Sub-modules are
 * named {@code depthwise}, {@code norm}, {@code act}, {@code pointwise}.
 *
 * <pre>{@code
 * var block = DepthwiseSeparableConv2d.builder(32, 64, 3).padding(1)
 *         .normalization(new BatchNorm2d(32)).activation(new ReLU()).build();
 * }</pre>
 */
public final class DepthwiseSeparableConv2d extends Module {
    private final Conv2d depthwise;
    private final Module norm;
    private final Module act;
    private final Conv2d pointwise;
    private final int depthMultiplier;

    /** Depth multiplier 1, stride 1, no padding, both biases, nothing in between. */
    public DepthwiseSeparableConv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    private DepthwiseSeparableConv2d(DepthwiseSeparableConv2dBuilder b) {
        // The channels are the convolutions' to check; the multiplier is this block's own.
        this.depthMultiplier = Checks.positive("depthMultiplier", b.depthMultiplier);
        int mid = Math.multiplyExact(b.inChannels, b.depthMultiplier);
        Conv2d.Conv2dBuilder dw = Conv2d.builder(b.inChannels, mid, b.kernel).stride(b.stride).dilation(b.dilation)
                .padding(b.padding).paddingMode(b.paddingMode).groups(b.inChannels);
        this.depthwise = registerModule("depthwise", b.depthwiseBias ? dw.build() : dw.withoutBias().build());
        this.norm = b.norm == null ? null : registerModule("norm", b.norm);
        this.act = b.act == null ? null : registerModule("act", b.act);
        Conv2d.Conv2dBuilder pw = Conv2d.builder(mid, b.outChannels, 1);
        this.pointwise = registerModule("pointwise", b.pointwiseBias ? pw.build() : pw.withoutBias().build());
    }

    /** Starts a block with a kernel of one size (square) or (kH, kW). */
    public static DepthwiseSeparableConv2dBuilder builder(int inChannels, int outChannels, int... kernelSize) {
        return new DepthwiseSeparableConv2dBuilder(inChannels, outChannels, kernelSize);
    }

    /**
     * @param x [N, in, H, W]
     * @return [N, out, Ho, Wo], Ho and Wo those of the depthwise step
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = depthwise.forward(x);
        if (norm != null) {
            y = norm.forward(y);
        }
        if (act != null) {
            y = act.forward(y);
        }
        return pointwise.forward(y);
    }

    /** The depthwise step, weight {@code [in·m, 1, kH, kW]}. */
    public Conv2d depthwise() {
        return depthwise;
    }

    /** The pointwise step, weight {@code [out, in·m, 1, 1]}. */
    public Conv2d pointwise() {
        return pointwise;
    }

    /** The depth multiplier m. */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** Options of a {@link DepthwiseSeparableConv2d}; stride, padding and dilation are the depthwise step's. */
    public static final class DepthwiseSeparableConv2dBuilder extends ConvOptions<DepthwiseSeparableConv2dBuilder> {
        private int depthMultiplier = 1;
        private Padding padding = Padding.of(0);
        private PadMode paddingMode = PadMode.ZEROS;
        private boolean depthwiseBias = true;
        private boolean pointwiseBias = true;
        private Module norm;
        private Module act;

        private DepthwiseSeparableConv2dBuilder(int inChannels, int outChannels, int[] kernel) {
            super(inChannels, outChannels, kernel);
        }

        /** Depthwise filters per input channel, m. */
        public DepthwiseSeparableConv2dBuilder depthMultiplier(int m) { depthMultiplier = m; return this; }
        /** p on every side, or pH top and bottom and pW left and right. */
        public DepthwiseSeparableConv2dBuilder padding(int... p) { padding = Padding.of(p); return this; }
        /** A padding rule, e.g. {@link Padding#SAME}. */
        public DepthwiseSeparableConv2dBuilder padding(Padding p) { padding = p; return this; }
        /** How the depthwise padding is filled. */
        public DepthwiseSeparableConv2dBuilder paddingMode(PadMode m) { paddingMode = m; return this; }
        /** Leaves out the depthwise bias. */
        public DepthwiseSeparableConv2dBuilder withoutDepthwiseBias() { depthwiseBias = false; return this; }
        /** Leaves out the pointwise bias. */
        public DepthwiseSeparableConv2dBuilder withoutPointwiseBias() { pointwiseBias = false; return this; }
        /** A normalisation applied between the two steps (first), e.g. {@code new BatchNorm2d(in·m)}. */
        public DepthwiseSeparableConv2dBuilder normalization(Module m) { norm = Checks.notNull("normalization", m); return this; }
        /** An activation applied between the two steps (after the normalisation). */
        public DepthwiseSeparableConv2dBuilder activation(Module m) { act = Checks.notNull("activation", m); return this; }

        /** Validates the options and builds both convolutions. */
        public DepthwiseSeparableConv2d build() {
            return new DepthwiseSeparableConv2d(this);
        }
    }
}
