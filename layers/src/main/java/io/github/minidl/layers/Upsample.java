package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.InterpolateOptions;
import io.github.minidl.autograd.Tensor;

/**
 * Resizes images by nearest or bilinear interpolation, PyTorch's {@code nn.Upsample}: an
 * upsampling without weights, the alternative to {@link ConvTranspose2d} for restoring size
 * (followed by a {@link Conv2d}, it avoids the transposed convolution's checkerboard pattern).
 *
 * <pre>{@code
 * new Upsample(InterpolateOptions.scaleFactor(2).mode(InterpolationMode.BILINEAR).alignCorners(false))
 * }</pre>
 */
public final class Upsample extends LeafModule {
    private final InterpolateOptions options;

    /** Resizes by {@code options} (a size or a scale factor, the mode). */
    public Upsample(InterpolateOptions options) {
        this.options = Checks.notNull("options", options);
    }

    /** Nearest-neighbour upsampling by an integer factor on both axes. */
    public Upsample(int scaleFactor) {
        this(InterpolateOptions.scaleFactor(Checks.positive("scaleFactor", scaleFactor)));
    }

    /**
     * @param x [N, C, H, W] (a 3-D input would be PyTorch's 1-D interpolation, not provided)
     * @return [N, C, Ho, Wo]
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.image("Upsample", x, 0, null);
        return F.interpolate(x, options);
    }

    /** The interpolation arguments. */
    public InterpolateOptions options() {
        return options;
    }

    /** An upsampling: the receptive-field arithmetic of sliding windows does not cover it. */
    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.UNKNOWN;
    }

    @Override
    String summaryType(long[] in) {
        return "Upsample " + options.mode().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected String extraRepr() {
        return options.toString();
    }
}
