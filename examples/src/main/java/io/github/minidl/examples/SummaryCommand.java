package io.github.minidl.examples;

import io.github.minidl.core.Init;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.Summary;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code minidl summary}: the layer-by-layer summary of the three example classifiers, and what
 * each costs in convolution parameters and multiply-adds against the standard model.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints the summary of the example classifiers.",
            "Output shapes, parameters, multiply-adds and receptive field of the models trained by",
            "'minidl train' (standard, separable, dilated), and their convolution parameters and",
            "multiply-adds against the standard model's."})
final class SummaryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<ModelKind, Summary> summaries = new EnumMap<>(ModelKind.class);
        Map<ModelKind, Long> convParams = new EnumMap<>(ModelKind.class);
        for (ModelKind kind : ModelKind.values()) {
            Init.manualSeed(0);
            Module model = kind.build();
            Summary s = Summary.of(model, 1, 1, FashionMnist.SIDE, FashionMnist.SIDE);
            summaries.put(kind, s);
            convParams.put(kind, ModelKind.convolutionParameters(model));
            out.printf(Locale.ROOT, "== %s: %s%n", kind.cliName(), kind.description());
            out.println(s.toString().stripTrailing());
            out.println();
        }
        Summary standard = summaries.get(ModelKind.STANDARD);
        long standardConv = convParams.get(ModelKind.STANDARD);
        out.println("| model | parameters | convolution parameters | vs standard | MACs per image | vs standard | receptive field |");
        out.println("|---|---|---|---|---|---|---|");
        for (ModelKind kind : ModelKind.values()) {
            Summary s = summaries.get(kind);
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f%% | %,d | %.1f%% | %s |%n", kind.cliName(),
                    s.trainableParameters(), convParams.get(kind), 100.0 * convParams.get(kind) / standardConv,
                    s.totalMacs(), 100.0 * s.totalMacs() / standard.totalMacs(), lastReceptiveField(s));
        }
        out.flush();
        return 0;
    }

    /** The receptive field after the last convolution or pooling layer (before the flatten). */
    private static String lastReceptiveField(Summary s) {
        String field = "-";
        for (var row : s.rows()) {
            if (row.type().startsWith("Flatten")) {
                break;
            }
            field = row.receptiveField();
        }
        return field;
    }
}
