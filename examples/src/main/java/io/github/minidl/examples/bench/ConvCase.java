package io.github.minidl.examples.bench;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import java.util.List;

/**
 * One benchmark configuration: a convolution (or transposed convolution) on an NCHW batch. A
 * transposed case gives its arguments as {@code spec} and runs {@link #transposedSpec()}.
 * The FLOP count is that of the equivalent convolution: 2·N·MACs forward, about three times that
 * for forward plus backward (input and weight gradients).
 */
public record ConvCase(String id, String description, int batch, int height, int width, ConvSpec spec, boolean transposed) {

    /** The configurations every peer is measured on (see BENCHMARKS.md). */
    public static List<ConvCase> standard() {
        return List.of(
                new ConvCase("S1", "3x3, 32->64, 28x28, pad 1", 64, 28, 28,
                        ConvSpec.builder(32, 64, 3).padding(1).build(), false),
                new ConvCase("G1", "3x3 groups 4, 64->64, 28x28", 64, 28, 28,
                        ConvSpec.builder(64, 64, 3).padding(1).groups(4).build(), false),
                new ConvCase("D1", "depthwise 3x3, 64 ch, 28x28", 64, 28, 28,
                        ConvSpec.builder(64, 64, 3).padding(1).groups(64).build(), false),
                new ConvCase("P1", "1x1, 64->128, 28x28", 64, 28, 28,
                        ConvSpec.builder(64, 128, 1).build(), false),
                new ConvCase("DL1", "3x3 dilation 2, 32->32, 28x28", 64, 28, 28,
                        ConvSpec.builder(32, 32, 3).padding(2).dilation(2).build(), false),
                new ConvCase("T1", "transposed 4x4 stride 2, 64->32, 14->28", 64, 14, 14,
                        ConvSpec.builder(64, 32, 4).stride(2).padding(1).build(), true),
                new ConvCase("L1", "3x3, 128->128, 32x32, batch 32", 32, 32, 32,
                        ConvSpec.builder(128, 128, 3).padding(1).build(), false));
    }

    /** The transposed convolution of a transposed case: {@code spec}'s arguments, {@code in -> out}. */
    public TransposedConvSpec transposedSpec() {
        return spec.toBuilder().buildTransposed();
    }

    /** The weight shape: the convolution's, or the transposed convolution's. */
    public long[] weightShape() {
        return transposed ? transposedSpec().weightShape() : spec.weightShape();
    }

    /** The case's forward through {@link F} with PyTorch's arguments. */
    public Tensor apply(Tensor x, Tensor w, Tensor b) {
        if (transposed) {
            TransposedConvSpec t = transposedSpec();
            return F.convTranspose2d(x, w, b, t.stride(), t.padding(), t.outputPadding(), t.groups(), t.dilation());
        }
        return F.conv2d(x, w, b, spec.stride(), spec.padding(), spec.dilation(), spec.groups());
    }

    /** Output (H, W). */
    public int[] outputSize() {
        return transposed ? transposedSpec().outputSize(height, width) : spec.outputSize(height, width);
    }

    /** Floating-point operations of one forward pass. */
    public double forwardFlops() {
        if (transposed) {
            // A transposed convolution costs what its adjoint convolution costs.
            return 2.0 * batch * transposedSpec().macs(height, width);
        }
        int[] out = outputSize();
        return 2.0 * batch * spec.macs(out[0], out[1]);
    }

    /** Floating-point operations of forward plus input and weight gradients. */
    public double forwardBackwardFlops() {
        return 3 * forwardFlops();
    }
}
