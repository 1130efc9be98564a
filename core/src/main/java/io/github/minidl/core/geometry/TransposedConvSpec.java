package io.github.minidl.core.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * The geometry of one transposed 2-D convolution {@code inChannels -> outChannels}: the adjoint
 * of the convolution {@link #adjoint()} ({@code outChannels -> inChannels}, the same weight
 * {@code [in, out/groups, kH, kW]}) plus the output padding that picks one of the output sizes
 * that convolution maps to the same input size.
 *
 * <p>It owns the transposed size arithmetic:
 * {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1}, and PyTorch's {@code output_size}
 * argument ({@link #outputPaddingFor}). Built by {@code ConvSpec.builder(...).buildTransposed()}
 * or {@link ConvSpec#transposeOf(int, int)}; immutable and validated on construction.
 */
public final class TransposedConvSpec extends WindowGeometry {
    private final ConvSpec adjoint;
    private final int[] outputPadding;

    TransposedConvSpec(ConvSpec adjoint, int[] outputPadding) {
        super(adjoint.kernelSize(), adjoint.stride(), adjoint.padding(), adjoint.dilation());
        this.adjoint = adjoint;
        this.outputPadding = ConvArguments.nonNegativePair("outputPadding", outputPadding);
        for (int a = 0; a < 2; a++) {
            if (outputPadding[a] >= limit(a)) {
                throw new IllegalArgumentException(String.format(
                        "outputPadding=%s must be smaller than max(stride, dilation)=%s on each axis",
                        Arrays.toString(outputPadding), Arrays.toString(new int[] {limit(0), limit(1)})));
            }
        }
    }

    /** Output padding must stay below max(stride, dilation): past it the sizes repeat. */
    private int limit(int axis) {
        return Math.max(stride(axis), dilation(axis));
    }

    /** A copy of this spec as a builder, to change one field ({@link ConvSpec.ConvSpecBuilder#buildTransposed()}). */
    public ConvSpec.ConvSpecBuilder toBuilder() {
        return ConvSpec.builder(inChannels(), outChannels(), kernelSize()).stride(stride()).padding(padding())
                .dilation(dilation()).groups(groups()).outputPadding(outputPadding);
    }

    /** The same transposed convolution with another output padding. */
    public TransposedConvSpec withOutputPadding(int... outputPadding) {
        return new TransposedConvSpec(adjoint, ConvArguments.pair("outputPadding", outputPadding));
    }

    /** The convolution whose input gradient this is (and whose input gradient is this): channels swapped, same weight. */
    public ConvSpec adjoint() {
        return adjoint;
    }

    /**
     * Output (H, W) for an input of (h, w):
     * {@code out = (in - 1)s - 2p + d(k - 1) + outputPadding + 1}, computed in long.
     *
     * @throws IllegalArgumentException when the output would be empty or larger than an int
     */
    public int[] outputSize(int h, int w) {
        int[] in = {h, w};
        long[] out = new long[2];
        for (int a = 0; a < 2; a++) {
            out[a] = minOutputSize(a, in[a]) + outputPadding[a];
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new IllegalArgumentException(String.format(
                    "transposed convolution of input size [%d, %d] with padding=%s gives output size %s;"
                            + " it must be at least 1 on each axis (reduce padding)",
                    h, w, Arrays.toString(padding()), Arrays.toString(out)));
        }
        if (out[0] > Integer.MAX_VALUE || out[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "transposed convolution of input size [%d, %d] with stride=%s, dilation=%s, kernelSize=%s"
                            + " gives output size %s; each output dimension must be at most %d",
                    h, w, Arrays.toString(stride()), Arrays.toString(dilation()), Arrays.toString(kernelSize()),
                    Arrays.toString(out), Integer.MAX_VALUE));
        }
        return new int[] {(int) out[0], (int) out[1]};
    }

    /** The output size on an axis without output padding: {@code (in - 1)s - 2p + d(k - 1) + 1}. */
    private long minOutputSize(int axis, int in) {
        return (in - 1L) * stride(axis) - 2L * padding(axis) + effectiveKernel(axis);
    }

    /**
     * PyTorch's {@code output_size}: the output padding that makes an input of {@code inputShape}
     * ([N, C, H, W] or unbatched [C, H, W]) reach {@code outputSize} ((H, W) or the full output
     * shape), {@code size - minSize} per axis with {@code minSize = (in - 1)s - 2p + d(k - 1) + 1}.
     * Sizes up to {@code minSize + max(s, d) - 1} are accepted, every output padding this spec
     * accepts; PyTorch stops at {@code minSize + s - 1}, which differs only when dilation exceeds stride.
     *
     * @throws IllegalArgumentException when a size lies outside [minSize, minSize + max(s, d) - 1],
     *     listing the size each valid output padding reaches
     */
    public int[] outputPaddingFor(long[] inputShape, int[] outputSize) {
        if (outputSize == null) {
            throw new IllegalArgumentException("outputSize must not be null");
        }
        if (outputSize.length != 2 && outputSize.length != inputShape.length) {
            throw new IllegalArgumentException("outputSize=" + Arrays.toString(outputSize)
                    + " must be (H, W) or the full output shape of " + inputShape.length + " dimensions");
        }
        int[] size = Arrays.copyOfRange(outputSize, outputSize.length - 2, outputSize.length);
        int[] in = {(int) inputShape[inputShape.length - 2], (int) inputShape[inputShape.length - 1]};
        int[] op = new int[2];
        boolean reachable = true;
        for (int a = 0; a < 2; a++) {
            long gap = size[a] - minOutputSize(a, in[a]);
            reachable &= gap >= 0 && gap < limit(a) && size[a] >= 1;
            op[a] = (int) Math.max(0, Math.min(gap, limit(a)));
        }
        if (!reachable) {
            throw new IllegalArgumentException(unreachable(size, in));
        }
        return op;
    }

    private String unreachable(int[] size, int[] in) {
        StringBuilder sb = new StringBuilder(String.format(
                "outputSize=%s is unreachable from input %s with stride=%s, padding=%s, dilation=%s,"
                        + " kernelSize=%s; valid sizes:", Arrays.toString(size), Arrays.toString(in),
                Arrays.toString(stride()), Arrays.toString(padding()), Arrays.toString(dilation()),
                Arrays.toString(kernelSize())));
        String[] axis = {"H", "W"};
        for (int a = 0; a < 2; a++) {
            sb.append(a == 0 ? " " : "; ").append(axis[a]).append(':');
            long min = minOutputSize(a, in[a]);
            for (int o = 0; o < limit(a); o++) {
                if (min + o >= 1) {
                    sb.append(o == 0 ? " " : ", ").append("outputPadding ").append(o).append(" gives ").append(min + o);
                }
            }
        }
        return sb.toString();
    }

    /** Weight shape {@code [in, out/groups, kH, kW]}: the adjoint convolution's weight. */
    public long[] weightShape() {
        return adjoint.weightShape();
    }

    /** Multiply-accumulates for one sample with input (h, w): those of the adjoint convolution with output (h, w). */
    public long macs(int h, int w) {
        return adjoint.macs(h, w);
    }

    public int inChannels() { return adjoint.outChannels(); }
    public int outChannels() { return adjoint.inChannels(); }
    public int groups() { return adjoint.groups(); }
    public int[] outputPadding() { return outputPadding.clone(); }
    public int outputPadding(int axis) { return outputPadding[axis]; }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransposedConvSpec s && adjoint.equals(s.adjoint)
                && Arrays.equals(outputPadding, s.outputPadding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(adjoint, Arrays.hashCode(outputPadding));
    }

    @Override
    public String toString() {
        return "TransposedConvSpec(" + inChannels() + " -> " + outChannels() + ", " + windowString()
                + (groups() != 1 ? ", groups=" + groups() : "")
                + (outputPadding[0] != 0 || outputPadding[1] != 0 ? ", outputPadding=" + Arrays.toString(outputPadding) : "")
                + ")";
    }
}
