package io.github.minidl.layers;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.SamePadding;
import java.util.Arrays;

/**
 * The padding of a {@link Conv2d}: explicit amounts per axis, {@link #VALID} (none) or
 * {@link #SAME}.
 *
 * <p>{@code SAME} makes {@code out = ceil(in / stride)} on each axis. The total padding of an axis
 * is {@code max((out - 1)·s + d(k - 1) + 1 - in, 0)}; the top/left side gets {@code floor(total/2)}
 * and the bottom/right side the rest, so an odd total puts the extra pixel at the bottom/right.
 * With stride 1 this is exactly PyTorch's {@code padding='same'} (total {@code d(k - 1)});
 * with stride &gt; 1, which PyTorch rejects, it is TensorFlow's rule and depends on the input size.
 */
public final class Padding {
    private enum Kind { EXPLICIT, VALID, SAME }

    /** No padding (PyTorch's {@code 'valid'}). */
    public static final Padding VALID = new Padding(Kind.VALID, new int[] {0, 0});
    /** Output size ceil(in / stride), extra pixel bottom/right (PyTorch's {@code 'same'} for stride 1). */
    public static final Padding SAME = new Padding(Kind.SAME, new int[] {0, 0});

    private final Kind kind;
    private final int[] amount;

    private Padding(Kind kind, int[] amount) {
        this.kind = kind;
        this.amount = amount;
    }

    /** p zeros on every side, or pH rows on top and bottom and pW columns left and right. */
    public static Padding of(int... p) {
        return new Padding(Kind.EXPLICIT, ConvArguments.nonNegativePair("padding", ConvArguments.pair("padding", p)));
    }

    /** True for {@link #SAME}. */
    public boolean isSame() {
        return kind == Kind.SAME;
    }

    /**
     * The (before, after) padding of one axis of size {@code in} for a kernel k, stride s, dilation d.
     *
     * @return {before, after}
     */
    public int[] amounts(int axis, int in, int k, int s, int d) {
        if (kind != Kind.SAME) {
            return new int[] {amount[axis], amount[axis]};
        }
        return SamePadding.amounts(in, k, s, d);
    }

    /** The explicit (H, W) amounts; zero for VALID and SAME. */
    int[] explicit() {
        return amount.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.kind == kind && Arrays.equals(p.amount, amount);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(amount);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALID -> "valid";
            case SAME -> "same";
            case EXPLICIT -> Checks.tuple(amount);
        };
    }
}
