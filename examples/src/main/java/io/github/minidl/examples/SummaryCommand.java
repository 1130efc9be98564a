package io.github.minidl.examples;

import io.github.minidl.core.Init;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.Summary;
import io.github.minidl.layers.checkpoint.StateDictMismatchException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl summary}: the layer-by-layer summary of the three example classifiers, and what
 * each costs in convolution parameters and multiply-adds against the standard model.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints the summary of the example classifiers.",
            "Output shapes, parameters, multiply-adds and receptive field of the models",
            "trained by 'minidl train' (standard, separable, dilated), and their",
            "convolution parameters and multiply-adds against the standard model's.",
            "With --weights, loads a .safetensors file (from 'minidl train --save-weights'",
            "or PyTorch) into --model and prints that model's summary."})
final class SummaryCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "KIND",
            description = "standard, separable or dilated: summarise this model only (default with --weights: "
                    + "standard).")
    private ModelKind model;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Load FILE (.safetensors, PyTorch state_dict names) into the model first; "
                    + "fails when its keys or shapes do not fit.")
    private Path weights;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        if (weights != null || model != null) {
            return single(out, model == null ? ModelKind.STANDARD : model);
        }
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

    /** One model's summary, with the weights loaded when there are any. */
    private int single(PrintWriter out, ModelKind kind) throws IOException {
        Init.manualSeed(0);
        Module m = kind.build();
        if (weights != null) {
            try {
                m.loadSafetensors(weights);
            } catch (StateDictMismatchException e) {
                throw new IllegalArgumentException(weights + " does not fit --model " + kind.cliName() + ": "
                        + e.getMessage() + fittingModel(kind), e);
            }
            out.printf(Locale.ROOT, "Loaded %d arrays from %s%n", m.stateDict().size(), weights);
        }
        out.printf(Locale.ROOT, "== %s: %s%n", kind.cliName(), kind.description());
        out.println(Summary.of(m, 1, 1, FashionMnist.SIDE, FashionMnist.SIDE).toString().stripTrailing());
        out.flush();
        return 0;
    }

    /** A hint naming another example model the weights fit, if one does. */
    private String fittingModel(ModelKind tried) throws IOException {
        for (ModelKind other : ModelKind.values()) {
            if (other != tried) {
                try {
                    other.build().loadSafetensors(weights);
                    return " (they fit --model " + other.cliName() + ")";
                } catch (StateDictMismatchException e) {
                    // try the next
                }
            }
        }
        return "";
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
