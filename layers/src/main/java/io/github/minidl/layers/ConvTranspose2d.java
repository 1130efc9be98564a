package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.core.geometry.TransposedConvSpec;

/**
 * Transposed 2-D convolution layer, PyTorch's {@code nn.ConvTranspose2d}, the adjoint of
 * {@link Conv2d} in x: {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1} per axis
 * ({@link TransposedConvSpec#outputSize}).
 *
 * <p>Parameters: {@code weight [in, out/groups, kH, kW]} and {@code bias [out]} (optional), both
 * U(-1/√fanIn, 1/√fanIn) where, as in PyTorch, fanIn = weight.size(1)·kH·kW = out/groups·kH·kW.
 * A stride &gt; 1 makes several input sizes map to one conv output size; {@link #forward(Tensor,
 * int[])} picks the output padding that reaches a requested size, as PyTorch's
 * {@code forward(x, output_size)}.
 */
public final class ConvTranspose2d extends ConvLayer<TransposedConvSpec> {

    /** Stride 1, no padding, no output padding, groups 1, dilation 1, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    private ConvTranspose2d(ConvTranspose2dBuilder b) {
        this(b, b.spec(b.inChannels, b.outChannels).padding(b.padding).outputPadding(b.outputPadding)
                .groups(b.groups).buildTransposed());
    }

    private ConvTranspose2d(ConvTranspose2dBuilder b, TransposedConvSpec spec) {
        super(spec, spec.weightShape(), spec.inChannels(), spec.outChannels(), spec.groups(), b.bias);
    }

    /** Starts a layer with a kernel of one size (square) or (kH, kW). */
    public static ConvTranspose2dBuilder builder(int inChannels, int outChannels, int... kernelSize) {
        return new ConvTranspose2dBuilder(inChannels, outChannels, kernelSize);
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
     * full [N, C, H, W]), with the output padding {@link TransposedConvSpec#outputPaddingFor} picks
     * in place of the layer's own (PyTorch's {@code forward(x, output_size)}).
     *
     * @throws IllegalArgumentException when the size is unreachable, listing the size each valid
     *     output padding reaches
     */
    public Tensor forward(Tensor x, int[] outputSize) {
        Checks.imageOrUnbatched("ConvTranspose2d", x, spec.inChannels(), weight.dataType());
        return traced(x, run(x, outputPaddingFor(x.shape(), outputSize)));
    }

    /** The output padding that makes an input of this shape (batched or not) reach {@code outputSize} ((H, W) or the full shape). */
    public int[] outputPaddingFor(long[] inputShape, int[] outputSize) {
        return spec.outputPaddingFor(inputShape, outputSize);
    }

    private Tensor run(Tensor x, int[] outputPadding) {
        return F.convTranspose2d(x, weight.tensor(), biasTensor(), spec.stride(),
                spec.padding(), outputPadding, spec.groups(), spec.dilation());
    }

    @Override
    long macs(long[] in, long[] out) {
        return in[0] * spec.macs((int) in[2], (int) in[3]);
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.UNKNOWN;
    }

    @Override
    String summaryType(long[] in) {
        String s = describe("ConvTranspose2d", Padding.of(spec.padding()),
                new int[] {spec.padding(0), spec.padding(0), spec.padding(1), spec.padding(1)});
        return spec.outputPadding(0) + spec.outputPadding(1) > 0 ? s + " op" + Checks.tuple(spec.outputPadding()) : s;
    }

    @Override
    protected String extraRepr() {
        return convRepr(spec.padding(0) != 0 || spec.padding(1) != 0 ? Checks.tuple(spec.padding()) : null,
                spec.outputPadding(), PadMode.ZEROS);
    }

    /** Options of a {@link ConvTranspose2d}; PyTorch's defaults until set. */
    public static final class ConvTranspose2dBuilder extends ConvOptions<ConvTranspose2dBuilder> {
        private int[] padding = {0};
        private int[] outputPadding = {0};
        private int groups = 1;
        private boolean bias = true;

        private ConvTranspose2dBuilder(int inChannels, int outChannels, int[] kernel) {
            super(inChannels, outChannels, kernel);
        }

        /** Cropping p on every side of the full output, or (pH, pW). */
        public ConvTranspose2dBuilder padding(int... p) { padding = p; return this; }
        /** Extra rows/columns at the bottom/right, one value or (oH, oW); must be below max(stride, dilation). */
        public ConvTranspose2dBuilder outputPadding(int... o) { outputPadding = o; return this; }
        /** Groups; in and out channels must be divisible by it. */
        public ConvTranspose2dBuilder groups(int g) { groups = g; return this; }
        /** Leaves the bias out. */
        public ConvTranspose2dBuilder withoutBias() { bias = false; return this; }

        /** Validates the options and initialises the parameters from {@link Init}'s generator. */
        public ConvTranspose2d build() {
            return new ConvTranspose2d(this);
        }
    }
}
