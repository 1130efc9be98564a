package io.github.minidl.layers;

import io.github.minidl.core.Init;
import io.github.minidl.core.geometry.ConvSpec;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share, as PyTorch's {@code _ConvNd}: the
 * geometry, the weight and optional bias with PyTorch's default initialisation, and the summary
 * description.
 */
public abstract class ConvLayer extends LeafModule {
    final ConvSpec spec;
    final Parameter weight;
    final Parameter bias;

    /**
     * Registers weight {@code weightShape} and, when asked, bias [outChannels], both
     * U(-1/√fanIn, 1/√fanIn) (fanIn = weightShape[1]·kH·kW), float32, from {@link Init}'s generator.
     */
    ConvLayer(ConvSpec spec, long[] weightShape, boolean withBias) {
        this.spec = spec;
        SplittableRandom rng = Init.split();
        this.weight = registerParameter("weight", Init.defaultWeight(rng, DataType.FLOAT, weightShape));
        this.bias = withBias ? registerParameter("bias",
                Init.defaultBias(rng, DataType.FLOAT, Init.fanIn(weightShape), spec.outChannels())) : null;
    }

    /** The weight: {@code [out, in/groups, kH, kW]} for Conv2d, {@code [in, out/groups, kH, kW]} transposed. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The geometry (Conv2d: its padding is the explicit one, SAME and VALID show as 0). */
    public ConvSpec spec() {
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
}
