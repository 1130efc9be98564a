package io.github.minidl.core.geometry;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks the arrays handed to a convolution and derives its {@link ConvSpec} or {@link
 * TransposedConvSpec} from their shapes, as {@code torch.nn.functional.conv2d} does, and owns the
 * rules on single arguments (positive, an (H, W) pair, non-negative) that every spec and layer
 * applies. Every failure is an {@link IllegalArgumentException} naming the argument, what it
 * received and the rule.
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
        requireArrays(x, w, "[outChannels, inChannels/groups, kH, kW]", groups);
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
    public static TransposedConvSpec convTranspose2d(long[] x, long[] w, long[] b, int[] stride, int[] padding,
                                           int[] outputPadding, int groups, int[] dilation) {
        requireArrays(x, w, "[inChannels, outChannels/groups, kH, kW]", groups);
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
        TransposedConvSpec spec = ConvSpec.builder((int) w[0], (int) out, (int) w[2], (int) w[3])
                .stride(stride).padding(padding).dilation(dilation).outputPadding(outputPadding)
                .groups(groups).buildTransposed();
        int[] size = spec.outputSize((int) x[2], (int) x[3]);
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

    /** value &gt; 0; returns it. */
    public static int requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be positive");
        }
        return value;
    }

    /** An (H, W) pair from one value (both axes) or two; returns a copy. */
    public static int[] pair(String name, int... v) {
        Objects.requireNonNull(v, () -> name + " must not be null");
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new IllegalArgumentException(name + "=" + Arrays.toString(v)
                    + " must have one value or an (H, W) pair");
        }
        return v.clone();
    }

    /** An (H, W) pair, positive on each axis; returns a copy. */
    public static int[] positivePair(String name, int[] v) {
        if (v[0] <= 0 || v[1] <= 0) {
            throw new IllegalArgumentException(name + "=" + Arrays.toString(v) + " must be positive on each axis");
        }
        return v.clone();
    }

    /** An (H, W) pair, non-negative on each axis; returns a copy. */
    public static int[] nonNegativePair(String name, int[] v) {
        if (v[0] < 0 || v[1] < 0) {
            throw new IllegalArgumentException(name + "=" + Arrays.toString(v) + " must be non-negative on each axis");
        }
        return v.clone();
    }

    /** What conv2d and convTranspose2d check first: positive groups, 4-D non-empty arrays of int-indexable size. */
    private static void requireArrays(long[] x, long[] w, String weightLayout, int groups) {
        requirePositive("groups", groups);
        requireRank4("input", x, "[N, C, H, W]");
        requireRank4("weight", w, weightLayout);
        requireNonEmpty("input", x);
        requireNonEmpty("weight", w);
        Sizes.requireArraySize("input", x, "split the batch");
        Sizes.requireArraySize("weight", w, "reduce the channels or the kernel");
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
