package io.github.minidl.core.geometry;

/**
 * The padding that keeps a convolution's output at {@code ceil(in / stride)}: total
 * {@code max((out - 1)·s + d(k - 1) + 1 - in, 0)} per axis, {@code floor(total / 2)} before and
 * the rest after, so an odd total puts the extra row/column at the bottom/right. With stride 1
 * the total is {@code d(k - 1)} whatever the input size: PyTorch's {@code padding='same'}.
 */
public final class SamePadding {
    private SamePadding() {
    }

    /**
     * The {before, after} padding of an axis of size {@code in} for kernel k, stride s, dilation d.
     */
    public static int[] amounts(int in, int k, int s, int d) {
        long out = (in + (long) s - 1) / s;
        long total = Math.max((out - 1) * s + (long) d * (k - 1) + 1 - in, 0);
        // long: d·(k − 1) alone passes an int for large dilations; each side must fit an int.
        if (total - total / 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "padding 'same' for input size %d with kernelSize=%d, stride=%d, dilation=%d needs %d padding;"
                            + " each side must be at most %d", in, k, s, d, total, Integer.MAX_VALUE));
        }
        return new int[] {(int) (total / 2), (int) (total - total / 2)};
    }
}
