package io.github.minidl.examples;

import io.github.minidl.core.ReceptiveField;
import io.github.minidl.core.ReceptiveField.Layer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code minidl receptive-field}: how far one output pixel sees, in tables: stacks of 3x3 against
 * one large kernel (and the parameters each costs), stacks of 5x5, dilated stacks, and the
 * layer-by-layer field of a stack given on the command line.
 */
@Command(name = "receptive-field", mixinStandardHelpOptions = true,
        description = {
            "Receptive-field tables: stacked 3x3 and 5x5 convolutions against one large kernel with the",
            "parameters each costs (\"two 3x3 see what one 5x5 sees, with fewer weights\"), dilated",
            "stacks, and the field, jump and start after each layer of a stack of your choice."})
final class ReceptiveFieldCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--channels", paramLabel = "C",
            description = "Channels in and out of every convolution, for the parameter counts (default: ${DEFAULT-VALUE}).")
    private int channels = 64;

    @Option(names = "--depth", paramLabel = "N", description = "Deepest stack in the tables, 1 to 12 (default: ${DEFAULT-VALUE}).")
    private int depth = 4;

    @Option(names = "--stack", paramLabel = "LAYERS", split = ",", converter = LayerConverter.class,
            description = {"Layers of the last table, comma-separated K[sS][dD][pP] (kernel, stride, dilation, padding),",
                "e.g. 3p1,3p1,2s2,3p1,3p1,2s2 (default: a small CNN with two 2x2 poolings)."})
    private List<Layer> stack = new ArrayList<>();

    @Override
    public Integer call() {
        if (channels < 1) {
            throw new ParameterException(spec.commandLine(), "--channels=" + channels + " must be positive");
        }
        if (depth < 1 || depth > 12) {
            throw new ParameterException(spec.commandLine(), "--depth=" + depth + " must lie in [1, 12]");
        }
        PrintWriter out = spec.commandLine().getOut();
        stackedTable(out, 3);
        stackedTable(out, 5);
        dilatedTable(out);
        layerTable(out, stack.isEmpty() ? defaultStack() : stack);
        out.flush();
        return 0;
    }

    /** n stacked k x k convolutions against the single kernel with the same field. */
    private void stackedTable(PrintWriter out, int k) {
        out.printf("%nStacks of %dx%d convolutions (stride 1) against one kernel with the same receptive field;%n", k, k);
        out.printf("weights per layer = K*K*C*C with C = %d channels in and out, no bias.%n", channels);
        out.printf("%6s  %7s  %14s  %10s  %14s  %6s%n", "layers", "field", "stack weights", "one kernel", "its weights", "ratio");
        for (int n = 1; n <= depth; n++) {
            int field = ReceptiveField.size(Collections.nCopies(n, Layer.of(k + "x" + k, k, 1, 1)));
            long stackWeights = (long) n * k * k * channels * channels;
            long oneWeights = (long) field * field * channels * channels;
            out.printf("%6d  %7s  %,14d  %10s  %,14d  %6.2f%n",
                    n, square(field), stackWeights, square(field), oneWeights, (double) stackWeights / oneWeights);
        }
    }

    /** 3x3 layers with dilation 1, 2, 4, ...: the field doubles per layer at the same cost. */
    private void dilatedTable(PrintWriter out) {
        out.printf("%nStacks of 3x3 convolutions, layer i with dilation 2^(i-1), against the same stack undilated;%n");
        out.printf("same weights per layer (9*C*C), the field grows exponentially instead of linearly.%n");
        out.printf("%6s  %9s  %7s  %9s%n", "layers", "dilations", "field", "undilated");
        List<Layer> dilated = new ArrayList<>();
        List<Layer> plain = new ArrayList<>();
        StringBuilder dilations = new StringBuilder();
        for (int n = 1; n <= depth; n++) {
            int d = 1 << (n - 1);
            dilated.add(Layer.of("3x3 d" + d, 3, 1, d));
            plain.add(Layer.of("3x3", 3, 1, 1));
            dilations.append(n == 1 ? "" : ",").append(d);
            int a = ReceptiveField.size(dilated);
            int b = ReceptiveField.size(plain);
            out.printf("%6d  %9s  %7s  %9s%n", n, dilations, square(a), square(b));
        }
    }

    /** Field, jump and start after each layer of a stack. */
    private static void layerTable(PrintWriter out, List<Layer> layers) {
        out.printf("%nLayer by layer: field = input pixels one output pixel sees, jump = input pixels between%n");
        out.printf("neighbouring outputs, start = centre of output pixel 0 in input coordinates.%n");
        out.printf("%-10s  %6s  %6s  %8s  %7s  %7s  %5s  %6s%n",
                "layer", "kernel", "stride", "dilation", "padding", "field", "jump", "start");
        for (ReceptiveField.Step s : ReceptiveField.of(layers)) {
            Layer l = s.layer();
            out.printf("%-10s  %6d  %6d  %8d  %7d  %7s  %5d  %6.1f%n",
                    l.name(), l.kernel(), l.stride(), l.dilation(), l.padding(), square(s.size()), s.jump(), s.start());
        }
    }

    private static String square(int side) {
        return side + "x" + side;
    }

    private static List<Layer> defaultStack() {
        return List.of(
                new Layer("conv 3x3", 3, 1, 1, 1), new Layer("conv 3x3", 3, 1, 1, 1), new Layer("pool 2x2", 2, 2, 1, 0),
                new Layer("conv 3x3", 3, 1, 1, 1), new Layer("conv 3x3", 3, 1, 1, 1), new Layer("pool 2x2", 2, 2, 1, 0));
    }
}
