package io.github.minidl.examples.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The training-step part of {@code minidl bench}: a table of step times and a memory run. */
public final class TrainStepSection {
    private TrainStepSection() {
    }

    /** Step times of the two networks. */
    public record TrainStepTimes(Timing.Stats peer, Timing.Stats standard) {
        /** This result as a JSON member {@code "trainStep": {...}}. */
        public String toJson() {
            return String.format(Locale.ROOT, "\"trainStep\": {\"batch\": %d, \"smallCnnMs\": %.3f, "
                            + "\"smallCnnImagesPerSecond\": %.1f, \"smallCnnHeapBytesPerStep\": %d, "
                            + "\"trainStandardMs\": %.3f, \"trainStandardImagesPerSecond\": %.1f}",
                    TrainStepBench.BATCH, peer.medianMs(), imagesPerSecond(peer), peer.allocatedBytes(),
                    standard.medianMs(), imagesPerSecond(standard));
        }
    }


    private static double imagesPerSecond(Timing.Stats s) {
        return TrainStepBench.BATCH * 1000 / s.medianMs();
    }

    /** Times both networks and prints a table. */
    public static TrainStepTimes run(PrintWriter out, Timing.Warmup warmup, int reps) {
        Timing.Warmup steps = new Timing.Warmup(Math.max(warmup.runs(), 5), warmup.seconds());
        out.printf(Locale.ROOT, "%nTraining step (forward, cross-entropy, backward, SGD momentum 0.9), batch %d, "
                + "float32, median of %d after at least %d warm-up steps and %.1f s:%n", TrainStepBench.BATCH, reps,
                steps.runs(), steps.seconds());
        out.println("| network | ms / step | images/s | 60k-image epoch s | heap MB/step |");
        out.println("|---|---|---|---|---|");
        Timing.Stats peer = row(out, "small CNN of torch_conv.py (2 conv + 2 linear)",
                new TrainStepBench(TrainStepBench.pytorchPeer()), steps, reps);
        Timing.Stats standard = row(out, "train --model standard (+ batch norm, dropout)",
                new TrainStepBench(TrainStepBench.trainStandard()), steps, reps);
        return new TrainStepTimes(peer, standard);
    }

    private static Timing.Stats row(PrintWriter out, String name, TrainStepBench bench, Timing.Warmup warmup,
                                    int reps) {
        Timing.Stats s = bench.measure(warmup, reps);
        out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.1f |%n", name, s.medianMs(), imagesPerSecond(s),
                s.medianMs() * 60000 / TrainStepBench.BATCH / 1000, s.allocatedBytes() / 1e6);
        out.flush();
        return s;
    }

    /** Trains the small CNN for {@code steps} steps and prints memory along the way. */
    public static List<TrainStepBench.MemorySample> memory(PrintWriter out, long steps) {
        int warmup = (int) Math.min(50, Math.max(1, steps / 10));
        out.printf(Locale.ROOT, "%nMemory over %d training steps of the small CNN (after a full GC at each point; "
                + "RSS includes ND4J's native arrays):%n", steps);
        out.println("| step | RSS MiB | live heap MiB |");
        out.println("|---|---|---|");
        out.flush();
        List<TrainStepBench.MemorySample> rows = new TrainStepBench(TrainStepBench.pytorchPeer())
                .memoryRun(Math.max(steps, warmup), warmup, (int) Math.max(1, Math.min(10, steps - warmup)));
        for (TrainStepBench.MemorySample r : rows) {
            out.printf(Locale.ROOT, "| %d | %.0f | %.1f |%n", r.step(), r.rssMiB(), r.heapMiB());
        }
        TrainStepBench.MemorySample first = rows.get(0);
        TrainStepBench.MemorySample last = rows.get(rows.size() - 1);
        out.printf(Locale.ROOT, "from step %d to %d: RSS %+.0f MiB, live heap %+.1f MiB%n",
                first.step(), last.step(), last.rssMiB() - first.rssMiB(), last.heapMiB() - first.heapMiB());
        out.flush();
        return rows;
    }

    /** The memory rows as a JSON member {@code "memory": [...]}. */
    public static String memoryJson(List<TrainStepBench.MemorySample> rows) {
        return rows.stream().map(r -> String.format(Locale.ROOT,
                        "  {\"step\": %d, \"rssMiB\": %.1f, \"heapMiB\": %.2f}", r.step(), r.rssMiB(), r.heapMiB()))
                .collect(Collectors.joining(",\n", "\"memory\": [\n", "\n]"));
    }
}
