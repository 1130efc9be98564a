package io.github.minidl.examples;

import io.github.minidl.autograd.GradCheckOptions;
import io.github.minidl.examples.gradcheck.LayerCase;
import io.github.minidl.examples.gradcheck.LayerCases;
import io.github.minidl.examples.gradcheck.LayerGradCheck;
import io.github.minidl.examples.gradcheck.LayerGradCheck.LayerCheckResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl gradcheck}: the gradient of every layer type, with respect to its input and its
 * parameters, against central finite differences in float64; one table row per configuration.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {
            "Checks the gradients of every layer type (convolutions with groups,",
            "dilation, stride and outputPadding, depthwise-separable, linear, pooling,",
            "batch norm, activations, losses) with respect to the input and every",
            "parameter against central finite differences in float64. Prints layer,",
            "configuration, max abs error and pass/fail; exits 1 when any check fails."})
final class GradCheckCommand extends CliCommand {
    @Option(names = "--only", paramLabel = "LAYERS", split = ",",
            description = "Check only these layer types, comma-separated, e.g. Conv2d,Linear (case-insensitive).")
    private List<String> only = new ArrayList<>();

    @Option(names = "--seed", description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    private long seed = 11;

    @Override
    public Integer call() {
        List<LayerCase> cases = selected();
        PrintWriter out = out();
        String format = "%-25s %-48s %5s %12s  %s%n";
        out.printf(format, "layer", "configuration", "inputs", "max |error|", "result");
        int failed = 0;
        for (LayerCase c : cases) {
            LayerCheckResult r = LayerGradCheck.check(c, seed);
            failed += r.passed() ? 0 : 1;
            out.printf(format, c.layer(), c.configuration().isEmpty() ? "-" : c.configuration(), r.tensors().size(),
                    String.format("%.2e", r.report().maxAbsError()), r.passed() ? "pass" : "FAIL " + worst(r));
            out.flush();
        }
        GradCheckOptions o = GradCheckOptions.defaults();
        out.printf("%n%d of %d checks passed (float64, eps %.0e, |analytic - numeric| <= %.0e + %.0e |numeric|)%n",
                cases.size() - failed, cases.size(), o.eps(), o.atol(), o.rtol());
        out.flush();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + cases.size() + " gradient checks failed; see the table above");
        }
        return 0;
    }

    private List<LayerCase> selected() {
        if (only.isEmpty()) {
            return LayerCases.all();
        }
        Set<String> known = LayerCases.layerNames();
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : only) {
            String n = name.strip();
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(n))) {
                throw unknownName("--only", "layer", name, known);
            }
            wanted.add(n);
        }
        return LayerCases.all().stream().filter(c -> wanted.contains(c.layer())).collect(Collectors.toList());
    }

    /** The tensor and element where the check failed worst. */
    private static String worst(LayerCheckResult r) {
        return r.report().inputs().stream().filter(i -> !i.passed()).findFirst()
                .map(i -> r.tensors().get(i.input()) + " " + Arrays.toString(i.worstIndex())).orElse("");
    }
}
