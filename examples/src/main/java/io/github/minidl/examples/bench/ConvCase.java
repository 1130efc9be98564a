package io.github.minidl.examples.bench;

import io.github.minidl.core.geometry.ConvSpec;
import java.util.List;

/**
 * One benchmark configuration: a convolution (or transposed convolution) on an NCHW batch.
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

    /** Output (H, W). */
    public int[] outputSize() {
        return transposed ? spec.transposedOutputSize(height, width) : spec.outputSize(height, width);
    }

    /** Floating-point operations of one forward pass. */
    public double forwardFlops() {
        if (transposed) {
            // A transposed convolution costs what its adjoint convolution costs; that convolution's
            // output is this one's input.
            return 2.0 * batch * spec.adjoint().macs(height, width);
        }
        int[] out = outputSize();
        return 2.0 * batch * spec.macs(out[0], out[1]);
    }

    /** Floating-point operations of forward plus input and weight gradients. */
    public double forwardBackwardFlops() {
        return 3 * forwardFlops();
    }
}
