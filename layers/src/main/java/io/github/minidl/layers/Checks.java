package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvArguments;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/** Argument checks shared by the layers; every message names the layer, the value and the rule. */
final class Checks {
    private Checks() {
    }

    /** value &gt; 0, the rule every spec in core applies. */
    static int positive(String name, int value) {
        return ConvArguments.requirePositive(name, value);
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** x is a non-empty [N, C, H, W] tensor with {@code channels} channels (when positive) and dtype {@code type}. */
    static void image(String layer, Tensor x, long channels, DataType type) {
        if (x == null) {
            throw new IllegalArgumentException(layer + ": input must not be null");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException(layer + ": input must be 4-D [N, C, H, W]; got shape "
                    + Arrays.toString(x.shape()) + " (rank " + x.rank() + ")");
        }
        nonEmpty(layer, x);
        if (channels > 0 && x.size(1) != channels) {
            throw new IllegalArgumentException(layer + ": input " + Arrays.toString(x.shape()) + " has " + x.size(1)
                    + " channels; the layer expects inChannels=" + channels);
        }
        dtype(layer, x, type);
    }

    /** {@link #image} that also accepts an unbatched [C, H, W], as PyTorch's 2-D convolution and pooling do. */
    static void imageOrUnbatched(String layer, Tensor x, long channels, DataType type) {
        if (x != null && x.rank() == 3) {
            nonEmpty(layer, x);
            if (channels > 0 && x.size(0) != channels) {
                throw new IllegalArgumentException(layer + ": unbatched input " + Arrays.toString(x.shape()) + " has "
                        + x.size(0) + " channels; the layer expects inChannels=" + channels);
            }
            dtype(layer, x, type);
            return;
        }
        if (x != null && x.rank() != 4) {
            throw new IllegalArgumentException(layer + ": input must be 4-D [N, C, H, W] or 3-D [C, H, W]; got shape "
                    + Arrays.toString(x.shape()) + " (rank " + x.rank() + ")");
        }
        image(layer, x, channels, type);
    }

    /** Size of spatial axis {@code axis} (0 = H, 1 = W) of a batched or unbatched image shape. */
    static int spatial(long[] shape, int axis) {
        return (int) shape[shape.length - 2 + axis];
    }

    static void nonEmpty(String layer, Tensor x) {
        for (long d : x.shape()) {
            if (d <= 0) {
                throw new IllegalArgumentException(layer + ": input shape " + Arrays.toString(x.shape())
                        + " has an empty dimension; every dimension must be at least 1");
            }
        }
    }

    static void dtype(String layer, Tensor x, DataType type) {
        if (type != null && x.dataType() != type) {
            throw new IllegalArgumentException(layer + ": input has dtype " + x.dataType() + " but the layer's"
                    + " parameters are " + type + "; convert the input or call module.to(" + x.dataType()
                    + "), dtypes are never mixed silently");
        }
    }

    static String tuple(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }
}
