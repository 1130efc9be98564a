package io.github.minidl.examples;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.minidl.core.RangeChecks;
import io.github.minidl.core.kernels.ConvEngines;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.examples.bench.ConvBench;
import io.github.minidl.examples.bench.ConvCase;
import io.github.minidl.examples.bench.Nd4jNatives;
import io.github.minidl.examples.bench.Timing;
import io.github.minidl.examples.bench.TrainStepBench;
import io.github.minidl.examples.bench.TrainStepSection;
import io.github.minidl.examples.train.ThreadSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl bench}: minidl's convolutions beside ND4J's built-in ops in the same JVM, float32,
 * medians after warm-up; GFLOP/s against the GEMM ceiling measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times minidl's conv2d / conv_transpose2d (forward, and forward + input, weight and bias",
            "gradients) beside ND4J's built-in ops in the same run, float32, and prints a table with",
            "speed-ups and GFLOP/s against the measured GEMM ceiling; then the training step of a small",
            "Fashion-MNIST CNN (ms and images/s) and, with --steps, its memory over a long run. The engine under",
            "the float32 convolutions is named in the header (choose it with --engine). See BENCHMARKS.md."})
final class BenchCommand extends CliCommand {
    @Option(names = "--cases", split = ",", paramLabel = "ID",
            description = "Configurations to run, e.g. S1,D1 (default: all of S1 G1 D1 P1 DL1 T1 L1).")
    private List<String> cases = new ArrayList<>();

    @Option(names = "--reps", description = "Timed repetitions per measurement (default: ${DEFAULT-VALUE}).")
    private int reps = 15;

    @Option(names = "--warmup", description = "Untimed repetitions first (default: ${DEFAULT-VALUE}).")
    private int warmup = 3;

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Keep warming up each measurement until S "
            + "seconds have passed: the JVM compiles minidl's Java code over the first few hundred steps "
            + "(default: ${DEFAULT-VALUE}).")
    private double warmupSeconds = 3;

    @Option(names = "--threads", description = ThreadSettings.OPTION_DESCRIPTION)
    private Integer threads;

    @Option(names = "--no-peer", description = "Skip ND4J's built-in ops.")
    private boolean noPeer;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path json;

    @Option(names = "--no-conv", description = "Skip the convolution table.")
    private boolean noConv;

    @Option(names = "--no-train-step", description = "Skip the training-step section.")
    private boolean noTrainStep;

    @Option(names = "--steps", paramLabel = "N",
            description = "Also train the small CNN for N steps and report RSS, heap and off-heap memory after warm-up "
                    + "and along the run, to show whether memory stays flat (e.g. 2000).")
    private long steps;

    private TrainStepSection.TrainStepTimes trainStep;
    private List<TrainStepBench.MemorySample> memory = List.of();

    @Override
    public Integer call() throws IOException {
        if (reps < 1 || warmup < 0 || !(warmupSeconds >= 0 && warmupSeconds <= 600)) {
            throw usageError("--reps must be at least 1, --warmup at least 0 and --warmup-seconds in [0, 600]; got "
                    + reps + ", " + warmup + " and " + warmupSeconds);
        }
        Timing.Warmup warm = new Timing.Warmup(warmup, warmupSeconds);
        checkOptions(() -> RangeChecks.nonNegative("--steps", steps));
        checkThreads(threads);
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        List<ConvCase> selected = noConv ? List.of() : select();
        String engine = ConvEngines.current().name();
        PrintWriter out = out();
        // The ceiling only matters for the convolution table.
        double ceiling = selected.isEmpty() ? Double.NaN : ConvBench.gemmCeiling(5);
        if (!selected.isEmpty()) {
            out.printf(Locale.ROOT, "GEMM ceiling (float32 Nd4j.gemm, n = 1024/2048): %.0f GFLOP/s; threads: %d; "
                    + "ND4J natives: %s; engine: %s; medians of %d runs after at least %d warm-up runs and %.1f s%n%n",
                    ceiling, Threads.count(), Nd4jNatives.loaded(), engine, reps, warmup, warmupSeconds);
            out.println("| config (engine " + engine + ") | minidl fwd ms | minidl fwd+bwd ms | ND4J fwd ms | ND4J fwd+bwd ms | speed-up fwd / fwd+bwd | GFLOP/s fwd+bwd | % of ceiling | heap MB/step |");
            out.println("|---|---|---|---|---|---|---|---|---|");
        }
        List<ConvBench.ConvTimes> results = new ArrayList<>();
        for (ConvCase c : selected) {
            ConvBench.ConvTimes r = ConvBench.run(c, warm, reps, !noPeer);
            results.add(r);
            out.printf(Locale.ROOT, "| %s %s | %.1f | %.1f | %s | %s | %s / %s | %.0f | %.0f%% | %.1f |%n",
                    c.id(), c.description(), r.forward().medianMs(), r.forwardBackward().medianMs(),
                    peerMs(r, r.peerForwardMs()), peerMs(r, r.peerForwardBackwardMs()),
                    ratio(r.peerForwardMs(), r.forward().medianMs()),
                    ratio(r.peerForwardBackwardMs(), r.forwardBackward().medianMs()),
                    r.gflops(), 100 * r.gflops() / ceiling, r.forwardBackward().allocatedBytes() / 1e6);
            out.flush();
        }
        if (!noTrainStep) {
            trainStep = TrainStepSection.run(out, warm, Math.max(reps, 15));
        }
        if (steps > 0) {
            memory = TrainStepSection.memory(out, steps);
        }
        out.printf(Locale.ROOT, "%npeak RSS: %.0f MiB%n", Timing.peakRssMiB());
        if (json != null) {
            writeJson(results, ceiling, engine);
            out.println("wrote " + json);
        }
        return 0;
    }

    private List<ConvCase> select() {
        if (cases.isEmpty()) {
            return ConvCase.standard();
        }
        List<ConvCase> chosen = new ArrayList<>();
        for (String id : cases) {
            chosen.add(ConvCase.standard().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst()
                    .orElseThrow(() -> unknownName("--cases", "configuration", id,
                            ConvCase.standard().stream().map(ConvCase::id).toList())));
        }
        return chosen;
    }

    private static String peerMs(ConvBench.ConvTimes r, double v) {
        return r.peerError() != null ? "fails" : ms(v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(double peer, double ours) {
        return Double.isNaN(peer) ? "—" : String.format(Locale.ROOT, "%.1f×", peer / ours);
    }

    private void writeJson(List<ConvBench.ConvTimes> results, double ceiling, String engine) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "{\"gemmCeilingGflops\": %s, \"threads\": %d, \"nd4jNatives\": \"%s\", \"engine\": %s, "
                        + "\"peakRssMiB\": %.0f, \"warmupSeconds\": %s, \"results\": [",
                jsonNumber(ceiling), Threads.count(), Nd4jNatives.loaded(), jsonString(engine), Timing.peakRssMiB(),
                jsonNumber(warmupSeconds)));
        for (int i = 0; i < results.size(); i++) {
            ConvBench.ConvTimes r = results.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"id\": \"%s\", \"minidlForwardMs\": %.3f, \"minidlForwardBackwardMs\": %.3f, "
                            + "\"nd4jForwardMs\": %s, \"nd4jForwardBackwardMs\": %s, \"gflops\": %.1f, "
                            + "\"heapBytesPerStep\": %d, \"maxDifferenceFromNd4j\": %s, \"nd4jError\": %s}",
                    r.config().id(), r.forward().medianMs(), r.forwardBackward().medianMs(),
                    jsonNumber(r.peerForwardMs()), jsonNumber(r.peerForwardBackwardMs()), r.gflops(),
                    r.forwardBackward().allocatedBytes(),
                    Double.isNaN(r.maxDifference()) ? "null" : String.format(Locale.ROOT, "%.3e", r.maxDifference()),
                    jsonString(r.peerError())));
        }
        sb.append("\n]");
        if (trainStep != null) {
            sb.append(",\n").append(trainStep.toJson());
        }
        if (!memory.isEmpty()) {
            sb.append(",\n").append(TrainStepSection.memoryJson(memory));
        }
        sb.append("\n}\n");
        Path target = json.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".bench", ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String jsonString(String v) {
        return v == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(v)) + "\"";
    }

    private static String jsonNumber(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }
}
