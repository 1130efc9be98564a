package io.github.minidl.examples;

import io.github.minidl.core.geometry.ReceptiveField;
import io.github.minidl.core.geometry.ReceptiveField.Layer;
import io.github.minidl.examples.plot.ImageGrid;
import io.github.minidl.examples.views.MatrixText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl receptive-field}: how far one output pixel sees, in tables: stacks of 3x3 against
 * one large kernel (and the parameters each costs), stacks of 5x5, dilated stacks, and the
 * layer-by-layer field of a stack given on the command line; then the field of one output pixel
 * measured from its gradient with respect to the input, drawn as a PNG.
 */
@Command(name = "receptive-field", mixinStandardHelpOptions = true,
        description = {
            "Receptive-field tables: stacked 3x3 and 5x5 convolutions against one large kernel with the",
            "parameters each costs (\"two 3x3 see what one 5x5 sees, with fewer weights\"), dilated",
            "stacks, and the field, jump and start after each layer of a stack of your choice.",
            "Then the field measured by autograd: the gradient of one output pixel w.r.t.",
            "the input (backward of a one-hot) for two 3x3, one 5x5, dilated, strided and",
            "your stack, checked against the tables and drawn as field.png (brighter = more",
            "paths from that input pixel to the output)."})
final class ReceptiveFieldCommand extends CliCommand {
    private static final Logger log = LoggerFactory.getLogger(ReceptiveFieldCommand.class);
    // Larger fields make pictures too big to read; they are measured but not drawn.
    private static final int LARGEST_DRAWN = 120;
    // Measuring a field of side F convolves an F-sized input with kernels up to F wide: im2col buffers
    // and work grow as F^4 (two layers of 64 already take about 175 MB).
    static final int LARGEST_MEASURED = 128;

    @Option(names = "--channels", paramLabel = "C",
            description = "Channels in and out of every convolution, for the parameter counts (default: ${DEFAULT-VALUE}).")
    private int channels = 64;

    @Option(names = "--depth", paramLabel = "N", description = "Deepest stack in the tables, 1 to 12 (default: ${DEFAULT-VALUE}).")
    private int depth = 4;

    @Option(names = "--stack", paramLabel = "LAYERS", split = ",", converter = LayerConverter.class,
            description = {"Layers of the last table, comma-separated K[sS][dD][pP] (kernel, stride, dilation, padding),",
                "e.g. 3p1,3p1,2s2,3p1,3p1,2s2 (default: a small CNN with two 2x2 poolings)."})
    private List<Layer> stack = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for field.png (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("out", "receptive-field");

    @Override
    public Integer call() throws IOException {
        if (channels < 1) {
            throw usageError("--channels=" + channels + " must be positive");
        }
        if (depth < 1 || depth > 12) {
            throw usageError("--depth=" + depth + " must lie in [1, 12]");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out=" + out + " is a file; it must be a directory");
        }
        PrintWriter text = out();
        List<Layer> custom = stack.isEmpty() ? defaultStack() : stack;
        requireMeasurable(custom);
        stackedTable(text, 3);
        stackedTable(text, 5);
        dilatedTable(text);
        layerTable(text, custom);
        List<GradientField> fields = measuredTable(text, custom);
        text.flush();
        Path picture = drawFields(fields);
        log.info("wrote {}", picture);
        long wrong = fields.stream().filter(f -> f.height() != f.predicted() || f.width() != f.predicted()).count();
        if (wrong > 0) {
            throw new IllegalStateException(wrong + " measured fields differ from the predicted size; see the table above");
        }
        return 0;
    }

    /** The field is measured on an input of its side with convolutions as wide as its kernels: bound both. */
    private void requireMeasurable(List<Layer> layers) {
        int field;
        try {
            field = ReceptiveField.size(layers);
        } catch (IllegalArgumentException e) {
            throw usageError("--stack=" + names(layers) + ": " + e.getMessage());
        }
        if (field > LARGEST_MEASURED) {
            throw usageError(String.format(Locale.ROOT,
                    "--stack=%s sees a %dx%d field; the field is measured on an input of that side, so it must be at "
                            + "most %d (use smaller kernels, dilations or strides)",
                    names(layers), field, field, LARGEST_MEASURED));
        }
    }

    /** The stacks whose field is measured by autograd, the user's (or default) stack last. */
    static List<List<Layer>> measuredStacks(List<Layer> custom) {
        return List.of(
                List.of(Layer.of("3x3", 3, 1, 1), Layer.of("3x3", 3, 1, 1)),
                List.of(Layer.of("5x5", 5, 1, 1)),
                List.of(Layer.of("3x3 d2", 3, 1, 2)),
                List.of(Layer.of("3x3 d1", 3, 1, 1), Layer.of("3x3 d2", 3, 1, 2), Layer.of("3x3 d4", 3, 1, 4)),
                List.of(Layer.of("3x3 s2", 3, 2, 1), Layer.of("3x3 s2", 3, 2, 1), Layer.of("3x3", 3, 1, 1)),
                custom);
    }

    /** Measures each stack's field from the gradient of one output pixel and prints it beside the prediction. */
    private static List<GradientField> measuredTable(PrintWriter out, List<Layer> custom) {
        out.printf("%nMeasured by autograd: the gradient of the centre output pixel w.r.t. the input (all-ones%n");
        out.printf("kernels, one channel) is non-zero exactly where that pixel looks.%n");
        out.printf("%-34s  %9s  %13s  %s%n", "stack", "predicted", "gradient box", "");
        List<GradientField> fields = new ArrayList<>();
        for (List<Layer> layers : measuredStacks(custom)) {
            GradientField f = GradientField.of(layers);
            fields.add(f);
            boolean same = f.height() == f.predicted() && f.width() == f.predicted();
            out.printf("%-34s  %9s  %13s  %s%n", describe(layers), square(f.predicted()),
                    f.height() + "x" + f.width(), same ? "agree" : "DISAGREE");
        }
        out.printf("%nGradient of one output pixel of two 3x3 convolutions: the paths from each input pixel.%n");
        out.print(MatrixText.format(fields.get(0).crop(), 4));
        out.printf("One 3x3 convolution with dilation 2: a 5x5 field with holes.%n");
        out.print(MatrixText.format(fields.get(2).crop(), 4));
        return fields;
    }

    /** One picture: the normalised gradient of every stack on one input size, captioned with the stack. */
    private Path drawFields(List<GradientField> fields) throws IOException {
        List<GradientField> drawn = fields.stream().filter(f -> f.predicted() <= LARGEST_DRAWN).toList();
        int side = drawn.stream().mapToInt(GradientField::predicted).max().orElse(1) + 2 * GradientField.MARGIN;
        List<INDArray> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (GradientField f : drawn) {
            images.add(GradientField.of(f.layers(), side).normalised().reshape(1, 1, side, side));
            captions.add(code(f.layers()) + " = " + square(f.predicted()));
        }
        if (drawn.size() < fields.size()) {
            log.warn("fields larger than {}x{} are not drawn", LARGEST_DRAWN, LARGEST_DRAWN);
        }
        return new ImageGrid().scale(Math.max(2, Math.min(8, 240 / side)))
                .title("Receptive field of one output pixel: |d y / d x|")
                .row(Nd4j.concat(0, images.toArray(new INDArray[0])), captions)
                .writePng(out.resolve("field.png"));
    }

    /** The layers as typed: 3,3d2p2,2s2. */
    private static String names(List<Layer> layers) {
        return String.join(",", layers.stream().map(Layer::name).toList());
    }

    /** The stack in the --stack notation: 3,3d2,2s2. */
    private static String code(List<Layer> layers) {
        return String.join(",", layers.stream().map(l -> l.kernel() + (l.stride() > 1 ? "s" + l.stride() : "")
                + (l.dilation() > 1 ? "d" + l.dilation() : "")).toList());
    }

    /** The layer names, or the short code when they do not fit the table. */
    private static String describe(List<Layer> layers) {
        String names = String.join(", ", layers.stream().map(Layer::name).toList());
        return names.length() <= 34 ? names : code(layers);
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
