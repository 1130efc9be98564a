package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.ConvSpec;
import io.github.minidl.core.Init;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-D convolution layer, PyTorch's {@code nn.Conv2d}:
 * {@code y = conv2d(pad(x), weight, bias, stride, dilation, groups)}, with
 * {@code out = floor((in + before + after - d(k - 1) - 1) / s) + 1} per axis.
 *
 * <p>Parameters: {@code weight [out, in/groups, kH, kW]}, {@code bias [out]} (optional), both
 * U(-1/√fanIn, 1/√fanIn) with fanIn = in/groups·kH·kW (PyTorch's default), float32. Padding is
 * explicit, {@link Padding#VALID} or {@link Padding#SAME}; with a {@link PaddingMode} other than
 * ZEROS the input is padded first and convolved with padding 0, as PyTorch does.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder(3, 16, 3).stride(2).padding(Padding.SAME).build();
 * }</pre>
 */
public final class Conv2d extends LeafModule {
    private final ConvSpec spec;
    private final Padding padding;
    private final PaddingMode paddingMode;
    private final Parameter weight;
    private final Parameter bias;

    /** Stride 1, no padding, dilation 1, groups 1, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    private Conv2d(Builder b) {
        Padding p = Checks.notNull("padding", b.padding);
        this.paddingMode = Checks.notNull("paddingMode", b.paddingMode);
        this.spec = ConvSpec.builder(b.inChannels, b.outChannels, Checks.pair("kernelSize", b.kernel))
                .stride(Checks.pair("stride", b.stride)).dilation(Checks.pair("dilation", b.dilation))
                .padding(p.explicit()).groups(b.groups).build();
        this.padding = p;
        SplittableRandom rng = Init.split();
        long[] ws = spec.weightShape();
        this.weight = registerParameter("weight", Init.defaultWeight(rng, DataType.FLOAT, ws));
        this.bias = b.bias ? registerParameter("bias",
                Init.defaultBias(rng, DataType.FLOAT, Init.fanIn(ws), spec.outChannels())) : null;
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
        if (paddingMode != PaddingMode.ZEROS || !symmetric) {
            // F.pad lists the last axis first: (left, right, top, bottom).
            in = F.pad(x, new int[] {pads[2], pads[3], pads[0], pads[1]}, paddingMode.padMode(), 0);
            convPadding = new int[] {0, 0};
        }
        Tensor y = F.conv2d(in, weight.tensor(), bias == null ? null : bias.tensor(), spec.stride(),
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

    /** The weight, {@code [out, in/groups, kH, kW]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The geometry (its padding is the explicit one; SAME and VALID show as 0). */
    public ConvSpec spec() {
        return spec;
    }

    /** The padding rule. */
    public Padding padding() {
        return padding;
    }

    /** How the padding is filled. */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    @Override
    long macs(long[] in, long[] out) {
        return in[0] * spec.macs((int) out[2], (int) out[3]);
    }

    @Override
    Window window(long[] in) {
        int[] p = pads(in);
        return Window.sliding("conv", spec.kernelSize(), spec.stride(), spec.dilation(), new int[] {p[0], p[2]});
    }

    @Override
    String summaryType(long[] in) {
        return describe("Conv2d", spec, padding, pads(in));
    }

    static String describe(String type, ConvSpec spec, Padding padding, int[] p) {
        StringBuilder sb = new StringBuilder(type).append(' ').append(spec.kernel(0)).append('x').append(spec.kernel(1));
        if (spec.stride(0) != 1 || spec.stride(1) != 1) {
            sb.append(" s").append(spec.stride(0) == spec.stride(1) ? "" + spec.stride(0) : Checks.tuple(spec.stride()));
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            sb.append(" d").append(spec.dilation(0) == spec.dilation(1) ? "" + spec.dilation(0)
                    : Checks.tuple(spec.dilation()));
        }
        if (spec.groups() != 1) {
            sb.append(" g").append(spec.groups());
        }
        if (padding.isSame()) {
            sb.append(" same");
            if (p[0] != p[1] || p[2] != p[3]) {
                sb.append(String.format("(t%d b%d l%d r%d)", p[0], p[1], p[2], p[3]));
            }
        } else if (p[0] + p[2] > 0) {
            sb.append(" p").append(p[0] == p[2] ? "" + p[0] : "(" + p[0] + ", " + p[2] + ")");
        }
        return sb.toString();
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.inChannels()).append(", ").append(spec.outChannels())
                .append(", kernel_size=").append(Checks.tuple(spec.kernelSize()))
                .append(", stride=").append(Checks.tuple(spec.stride()));
        if (padding.isSame() || padding.equals(Padding.VALID)) {
            sb.append(", padding=").append(padding);
        } else if (spec.padding(0) != 0 || spec.padding(1) != 0) {
            sb.append(", padding=").append(Checks.tuple(spec.padding()));
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            sb.append(", dilation=").append(Checks.tuple(spec.dilation()));
        }
        if (spec.groups() != 1) {
            sb.append(", groups=").append(spec.groups());
        }
        if (bias == null) {
            sb.append(", bias=False");
        }
        if (paddingMode != PaddingMode.ZEROS) {
            sb.append(", padding_mode=").append(paddingMode.name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    /** Options of a {@link Conv2d}; PyTorch's defaults until set. */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final int[] kernel;
        private int[] stride = {1, 1};
        private Padding padding = Padding.of(0);
        private int[] dilation = {1, 1};
        private int groups = 1;
        private boolean bias = true;
        private PaddingMode paddingMode = PaddingMode.ZEROS;

        private Builder(int inChannels, int outChannels, int[] kernel) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel;
        }

        /** Stride s on both axes. */
        public Builder stride(int s) { stride = new int[] {s, s}; return this; }
        /** Stride (sH, sW). */
        public Builder stride(int h, int w) { stride = new int[] {h, w}; return this; }
        /** p on every side. */
        public Builder padding(int p) { padding = Padding.of(p); return this; }
        /** pH top and bottom, pW left and right. */
        public Builder padding(int h, int w) { padding = Padding.of(h, w); return this; }
        /** A padding rule: explicit, {@link Padding#VALID} or {@link Padding#SAME}. */
        public Builder padding(Padding p) { padding = p; return this; }
        /** Dilation d on both axes. */
        public Builder dilation(int d) { dilation = new int[] {d, d}; return this; }
        /** Dilation (dH, dW). */
        public Builder dilation(int h, int w) { dilation = new int[] {h, w}; return this; }
        /** Groups; in and out channels must be divisible by it. */
        public Builder groups(int g) { groups = g; return this; }
        /** How the padding is filled (ZEROS by default). */
        public Builder paddingMode(PaddingMode m) { paddingMode = m; return this; }
        /** Leaves the bias out. */
        public Builder withoutBias() { bias = false; return this; }

        /** Validates the options and initialises the parameters from {@link Init}'s generator. */
        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
