package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.views.ConvViews;
import java.io.IOException;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The same three views and the transposed convolution for stride 2, dilation 2 and groups 2 on
 * a 5x5 input: C changes shape (fewer rows with stride, spread-out taps with dilation, a
 * block-diagonal pattern with groups) and every view still agrees.
 */
final class VariantsSection extends Section {
    private record Variant(String name, String file, ConvSpec spec) {
    }

    VariantsSection() {
        super("The same with stride 2, dilation 2 and groups 2");
    }

    @Override
    public void run(Walkthrough w) throws IOException {
        List<Variant> variants = List.of(
                new Variant("stride 2", "C_stride2.png", ConvSpec.builder(1, 1, 3).stride(2).build()),
                new Variant("dilation 2, padding 1", "C_dilation2.png", ConvSpec.builder(1, 1, 3).dilation(2).padding(1).build()),
                new Variant("groups 2 (2 -> 2 channels)", "C_groups2.png", ConvSpec.builder(2, 2, 3).groups(2).build()));
        for (Variant v : variants) {
            show(w, v);
        }
    }

    private static void show(Walkthrough w, Variant v) throws IOException {
        ConvSpec s = v.spec();
        INDArray x = w.integers(0, 9, 1, s.inChannels(), 5, 5);
        INDArray k = w.integers(-2, 2, s.weightShape());
        int[] out = s.outputSize(5, 5);
        INDArray c = ConvViews.convolutionMatrix(k, s, 5, 5);
        w.println("");
        w.printf("%s: %s", v.name(), s);
        w.printf("  input [%d, 5, 5] -> output [%d, %d, %d]; C is %d x %d",
                s.inChannels(), s.outChannels(), out[0], out[1], c.size(0), c.size(1));
        if (s.groups() == 1) {
            w.matrix("  C", c);
        } else {
            printBlocks(w, c, s, out);
        }
        INDArray sliding = ConvViews.slidingWindow(x, k, null, s);
        w.agree(v.name(), "sliding window vs im2col", sliding, ConvViews.viaIm2col(x, k, null, s));
        w.agree(v.name(), "sliding window vs C . vec(x)", sliding, ConvViews.viaMatrix(x, k, s));
        w.agree(v.name(), "sliding window vs ConvKernels.conv2d", sliding, ConvKernels.conv2d(x, k, null, s));

        TransposedConvSpec t = s.transposeOf(5, 5);
        INDArray y = w.integers(-3, 3, 1, s.outChannels(), out[0], out[1]);
        INDArray back = ConvViews.viaMatrixTranspose(y, k, t);
        w.printf("  transposed: C^T maps [%d, %d, %d] back to [%d, %d, %d]",
                s.outChannels(), out[0], out[1], back.size(1), back.size(2), back.size(3));
        w.agree(v.name(), "C^T . vec(y) vs sliding-window transposed", back,
                ConvViews.slidingWindowTranspose(y, k, null, t));
        w.agree(v.name(), "C^T . vec(y) vs ConvKernels.convTranspose2d", back,
                ConvKernels.convTranspose2d(y, k, null, t));
        w.heatMap(v.file(), c, "C for " + v.name() + " (" + c.size(0) + " x " + c.size(1) + ")",
                "output pixel (channel, row, column)", "input pixel (channel, row, column)");
    }

    /** With groups, C is too wide to print; its channel blocks tell the story. */
    private static void printBlocks(Walkthrough w, INDArray c, ConvSpec s, int[] out) {
        int rowsPer = out[0] * out[1];
        int colsPer = 25;
        w.println("  C in channel blocks (X = some non-zero weight, . = all zero), rows = output channel, columns = input channel:");
        for (int o = 0; o < s.outChannels(); o++) {
            StringBuilder line = new StringBuilder("    out " + o + ":");
            for (int i = 0; i < s.inChannels(); i++) {
                INDArray block = c.get(
                        NDArrayIndex.interval(o * rowsPer, (o + 1) * rowsPer),
                        NDArrayIndex.interval(i * colsPer, (i + 1) * colsPer));
                line.append(' ').append(block.amaxNumber().doubleValue() != 0 ? 'X' : '.');
            }
            w.println(line.toString());
        }
        w.println("  each output channel sees only the input channels of its own group: C is block-diagonal.");
    }
}
