package io.github.minidl.autograd;

import java.util.Arrays;

/**
 * The arguments of {@link F#interpolate}, as {@code torch.nn.functional.interpolate}: exactly one
 * of an output {@code size} and a {@code scaleFactor} per axis (H, W), the mode, and for bilinear
 * mode {@code alignCorners} (default false). With a scale factor the output is
 * {@code floor(in·scale)}, and the scale itself places the samples unless
 * {@link #recomputeScaleFactor()} asks for {@code in/out} instead (PyTorch's
 * {@code recompute_scale_factor=True}).
 *
 * <pre>{@code
 * F.interpolate(x, InterpolateOptions.scaleFactor(2).mode(InterpolationMode.BILINEAR).alignCorners(true));
 * }</pre>
 */
public final class InterpolateOptions {
    private final int[] size;
    private final double[] scaleFactor;
    private final InterpolationMode mode;
    private final Boolean alignCorners;
    private final boolean recompute;

    private InterpolateOptions(int[] size, double[] scaleFactor, InterpolationMode mode, Boolean alignCorners,
                               boolean recompute) {
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
        this.recompute = recompute;
    }

    /** Output size (H, W), nearest mode; both positive. */
    public static InterpolateOptions size(int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("size=[" + h + ", " + w + "] must be positive on each axis");
        }
        return new InterpolateOptions(new int[] {h, w}, null, InterpolationMode.NEAREST, null, false);
    }

    /** The same scale factor on both axes, nearest mode. */
    public static InterpolateOptions scaleFactor(double s) {
        return scaleFactor(s, s);
    }

    /** Scale factors (H, W), nearest mode; both positive and finite. */
    public static InterpolateOptions scaleFactor(double h, double w) {
        if (!(h > 0 && w > 0) || !Double.isFinite(h) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("scaleFactor=[" + h + ", " + w + "] must be positive and finite");
        }
        return new InterpolateOptions(null, new double[] {h, w}, InterpolationMode.NEAREST, null, false);
    }

    /** These options in another mode. */
    public InterpolateOptions mode(InterpolationMode m) {
        if (m == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (m == InterpolationMode.NEAREST && alignCorners != null) {
            throw alignCornersNeedsBilinear();
        }
        return new InterpolateOptions(size, scaleFactor, m, alignCorners, recompute);
    }

    /** Bilinear mode only: sample so that the corner pixels of input and output coincide. */
    public InterpolateOptions alignCorners(boolean on) {
        if (mode != InterpolationMode.BILINEAR) {
            throw alignCornersNeedsBilinear();
        }
        return new InterpolateOptions(size, scaleFactor, mode, on, recompute);
    }

    /** Place samples by in/out rather than by the scale factor (scale factor only). */
    public InterpolateOptions recomputeScaleFactor() {
        if (scaleFactor == null) {
            throw new IllegalArgumentException("recomputeScaleFactor is not meaningful with an explicit size");
        }
        return new InterpolateOptions(size, scaleFactor, mode, alignCorners, true);
    }

    private static IllegalArgumentException alignCornersNeedsBilinear() {
        return new IllegalArgumentException("alignCorners can only be set in BILINEAR mode (set the mode first);"
                + " NEAREST has no corners to align");
    }

    /** The output (H, W) of an (h, w) input. */
    public int[] outputSize(long h, long w) {
        if (size != null) {
            return size.clone();
        }
        long[] in = {h, w};
        int[] out = new int[2];
        for (int a = 0; a < 2; a++) {
            double o = Math.floor(in[a] * scaleFactor[a]);
            if (!(o >= 1) || o > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(String.format("interpolate: input size %d with scaleFactor=%s gives"
                        + " an output size of %.0f on axis %d; it must lie in [1, 2^31)", in[a],
                        Arrays.toString(scaleFactor), o, a));
            }
            out[a] = (int) o;
        }
        return out;
    }

    /** The scale factor the kernel places samples by on this axis, or NaN when it uses in/out. */
    double kernelScale(int axis) {
        return scaleFactor == null || recompute ? Double.NaN : scaleFactor[axis];
    }

    /** The mode. */
    public InterpolationMode mode() {
        return mode;
    }

    /** True when bilinear corners are aligned. */
    public boolean alignCorners() {
        return alignCorners != null && alignCorners;
    }

    /** PyTorch's repr of these arguments, e.g. {@code scale_factor=2.0, mode=nearest}. */
    @Override
    public String toString() {
        String what = size != null ? "size=(" + size[0] + ", " + size[1] + ")"
                : "scale_factor=" + (scaleFactor[0] == scaleFactor[1] ? "" + scaleFactor[0]
                        : "(" + scaleFactor[0] + ", " + scaleFactor[1] + ")");
        return what + ", mode=" + mode.name().toLowerCase(java.util.Locale.ROOT)
                + (alignCorners != null ? ", align_corners=" + (alignCorners ? "True" : "False") : "")
                + (recompute ? ", recompute_scale_factor=True" : "");
    }
}
