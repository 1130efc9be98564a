package io.github.minidl.layers;

import io.github.minidl.autograd.PadMode;
import io.github.minidl.core.geometry.WindowGeometry;
import java.util.Locale;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share, as PyTorch's {@code _ConvNd}: the
 * geometry, the weight and optional bias with PyTorch's default initialisation, the summary
 * description and the printed form.
 *
 * @param <S> the geometry: {@code ConvSpec} or {@code TransposedConvSpec}
 */
public abstract class ConvLayer<S extends WindowGeometry> extends WeightedLayer {
    final S spec;
    private final int inChannels;
    private final int outChannels;
    private final int groups;

    /**
     * Registers weight {@code weightShape} ({@code [out, in/groups, kH, kW]} for Conv2d,
     * {@code [in, out/groups, kH, kW]} transposed) and, when asked, bias [outChannels].
     */
    ConvLayer(S spec, long[] weightShape, int inChannels, int outChannels, int groups, boolean withBias) {
        super(weightShape, outChannels, withBias);
        this.spec = spec;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
    }

    /** The geometry (Conv2d: its padding is the explicit one, SAME and VALID show as 0). */
    public S spec() {
        return spec;
    }

    /** The summary's type column: kernel, then stride, dilation, groups and padding where not the default. */
    String describe(String type, Padding padding, int[] p) {
        StringBuilder sb = new StringBuilder(type).append(' ').append(spec.kernel(0)).append('x').append(spec.kernel(1));
        if (spec.stride(0) != 1 || spec.stride(1) != 1) {
            sb.append(" s").append(spec.stride(0) == spec.stride(1) ? "" + spec.stride(0) : Checks.tuple(spec.stride()));
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            sb.append(" d").append(spec.dilation(0) == spec.dilation(1) ? "" + spec.dilation(0)
                    : Checks.tuple(spec.dilation()));
        }
        if (groups != 1) {
            sb.append(" g").append(groups);
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

    /**
     * PyTorch's {@code _ConvNd.extra_repr}: channels, kernel and stride, then padding, dilation,
     * output padding, groups, bias and padding mode where not the default.
     *
     * @param padding the padding as PyTorch prints it, or null for none
     * @param outputPadding null for a convolution
     */
    String convRepr(String padding, int[] outputPadding, PadMode mode) {
        StringBuilder sb = new StringBuilder();
        sb.append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Checks.tuple(spec.kernelSize()))
                .append(", stride=").append(Checks.tuple(spec.stride()));
        if (padding != null) {
            sb.append(", padding=").append(padding);
        }
        if (spec.dilation(0) != 1 || spec.dilation(1) != 1) {
            sb.append(", dilation=").append(Checks.tuple(spec.dilation()));
        }
        if (outputPadding != null && (outputPadding[0] != 0 || outputPadding[1] != 0)) {
            sb.append(", output_padding=").append(Checks.tuple(outputPadding));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (bias == null) {
            sb.append(", bias=False");
        }
        if (mode != PadMode.ZEROS) {
            sb.append(", padding_mode=").append(mode.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
