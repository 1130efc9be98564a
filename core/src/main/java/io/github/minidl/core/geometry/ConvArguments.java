package io.github.minidl.core.geometry;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks the arrays handed to a convolution and derives its {@link ConvSpec} from their shapes,
 * as {@code torch.nn.functional.conv2d} does. Every failure is an {@link IllegalArgumentException}
 * naming the argument, what it received and the rule.
 */
public final class ConvArguments {
    private ConvArguments() {
    }

    /**
     * The spec of {@code conv2d(x, w, b, stride, padding, dilation, groups)}: channels from the
     * weight {@code [out, in/groups, kH, kW]}, validated against x {@code [N, C, H, W]} and b
     * {@code [out]} (may be null).
     */
    public static ConvSpec conv2d(long[] x, long[] w, long[] b, int[] stride, int[] padding,
                                  int[] dilation, int groups) {
        requireGroups(groups);
        requireRank4("input", x, "[N, C, H, W]");
        requireRank4("weight", w, "[outChannels, inChannels/groups, kH, kW]");
        requireNonEmpty("input", x);
        requireNonEmpty("weight", w);
        Sizes.requireArraySize("input", x, "split the batch");
        Sizes.requireArraySize("weight", w, "reduce the channels or the kernel");
        long expectedIn = w[1] * groups;
        if (x[1] != expectedIn) {
            throw new IllegalArgumentException(String.format(
                    "input %s has %d channels; weight %s with groups=%d expects %d",
                    Arrays.toString(x), x[1], Arrays.toString(w), groups, expectedIn));
        }
        if (w[0] % groups != 0) {
            throw new IllegalArgumentException(String.format(
                    "weight %s has %d output channels, which must be divisible by groups=%d",
                    Arrays.toString(w), w[0], groups));
        }
        requireBias(b, w[0]);
        ConvSpec spec = ConvSpec.builder((int) expectedIn, (int) w[0], (int) w[2], (int) w[3])
                .stride(stride).padding(padding).dilation(dilation).groups(groups).build();
        int[] out = spec.outputSize((int) x[2], (int) x[3]);
        Sizes.requireArraySize("conv2d output", new long[] {x[0], w[0], out[0], out[1]},
                "reduce padding or split the batch");
        return spec;
    }

    /**
     * The spec of {@code convTranspose2d(x, w, b, stride, padding, outputPadding, groups,
     * dilation)}: channels from the weight {@code [in, out/groups, kH, kW]}, validated against x
     * {@code [N, in, H, W]} and b {@code [out]} (may be null).
     */
    public static ConvSpec convTranspose2d(long[] x, long[] w, long[] b, int[] stride, int[] padding,
                                           int[] outputPadding, int groups, int[] dilation) {
        requireGroups(groups);
        requireRank4("input", x, "[N, C, H, W]");
        requireRank4("weight", w, "[inChannels, outChannels/groups, kH, kW]");
        requireNonEmpty("input", x);
        requireNonEmpty("weight", w);
        Sizes.requireArraySize("input", x, "split the batch");
        Sizes.requireArraySize("weight", w, "reduce the channels or the kernel");
        if (x[1] != w[0]) {
            throw new IllegalArgumentException(String.format(
                    "input %s has %d channels; transposed weight %s expects %d (its first dimension)",
                    Arrays.toString(x), x[1], Arrays.toString(w), w[0]));
        }
        if (w[0] % groups != 0) {
            throw new IllegalArgumentException(String.format(
                    "inChannels=%d (weight %s) must be divisible by groups=%d",
                    w[0], Arrays.toString(w), groups));
        }
        long out = w[1] * groups;
        requireBias(b, out);
        ConvSpec spec = ConvSpec.builder((int) w[0], (int) out, (int) w[2], (int) w[3])
                .stride(stride).padding(padding).dilation(dilation).outputPadding(outputPadding)
                .groups(groups).build();
        int[] size = spec.transposedOutputSize((int) x[2], (int) x[3]);
        Sizes.requireArraySize("convTranspose2d output", new long[] {x[0], out, size[0], size[1]},
                "reduce stride=" + Arrays.toString(spec.stride()) + ", dilation=" + Arrays.toString(spec.dilation())
                        + " or padding, or split the batch");
        return spec;
    }

    /** x, w and b (may be null) share one floating dtype, FLOAT or DOUBLE. */
    public static DataType requireSameFloatType(String op, INDArray x, INDArray w, INDArray b) {
        requireNotNull("input", x);
        requireNotNull("weight", w);
        DataType t = x.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new IllegalArgumentException(op + ": input has dtype " + t
                    + "; only FLOAT (float32) and DOUBLE (float64) are supported");
        }
        if (w.dataType() != t) {
            throw new IllegalArgumentException(op + ": input has dtype " + t + " but weight has "
                    + w.dataType() + "; convert one of them, dtypes are never mixed silently");
        }
        if (b != null && b.dataType() != t) {
            throw new IllegalArgumentException(op + ": input has dtype " + t + " but bias has "
                    + b.dataType() + "; convert one of them, dtypes are never mixed silently");
        }
        return t;
    }

    static void requireNotNull(String name, Object o) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void requireGroups(int groups) {
        if (groups <= 0) {
            throw new IllegalArgumentException("groups=" + groups + " must be positive");
        }
    }

    private static void requireRank4(String name, long[] shape, String layout) {
        requireNotNull(name, shape);
        if (shape.length != 4) {
            throw new IllegalArgumentException(String.format("%s must be 4-D %s; got shape %s (rank %d)",
                    name, layout, Arrays.toString(shape), shape.length));
        }
    }

    private static void requireNonEmpty(String name, long[] shape) {
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + " shape " + Arrays.toString(shape)
                        + " has an empty dimension; every dimension must be at least 1");
            }
        }
    }

    private static void requireBias(long[] b, long out) {
        if (b != null && (b.length != 1 || b[0] != out)) {
            throw new IllegalArgumentException(String.format(
                    "bias must have shape [%d] (one value per output channel); got %s",
                    out, Arrays.toString(b)));
        }
    }
}
