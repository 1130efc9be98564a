package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.examples.bench.TrainStepBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The training-step parts of the bench sub-command, on a few steps. */
@Timeout(120) // runs worker threads: a hang fails the test instead of the build
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void memoryRunPrintsATableAndJson() throws IOException {
        Path json = dir.resolve("bench.json");
        Run r = Run.of("bench", "--no-conv", "--no-train-step", "--steps", "3", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("| step | RSS MiB | live heap MiB |") && r.out().contains("from step 1 to 3"),
                r.toString());
        String text = Files.readString(json);
        assertTrue(text.contains("\"memory\": [") && text.contains("\"step\": 3"), text);
    }

    @Test
    void convTableNamesTheNativeBuildAndTheJsonHasThePeersDifference() throws IOException {
        Path json = dir.resolve("conv.json");
        Run r = Run.of("bench", "--cases", "P1", "--reps", "1", "--warmup", "0", "--warmup-seconds", "0",
                "--no-train-step", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("ND4J natives: linux-x86_64") && r.out().contains("| P1 1x1, 64->128"), r.toString());
        String text = Files.readString(json);
        assertTrue(text.contains("\"nd4jNatives\": \"linux-x86_64\"") && text.contains("\"nd4jError\": null"), text);
        String engine = io.github.minidl.core.kernels.ConvEngines.current().name();
        assertTrue(text.contains("\"engine\": \"" + engine + "\"") && text.contains("\"warmupSeconds\": 0"), text);
        assertTrue(r.out().contains("| config (engine " + engine + ") |"), r.toString());
        var difference = java.util.regex.Pattern.compile("\"maxDifferenceFromNd4j\": ([0-9.e+-]+)").matcher(text);
        assertTrue(difference.find() && Double.parseDouble(difference.group(1)) < 1e-3, text);
    }

    @Test
    void unknownEngineIsAUsageError() {
        Run r = Run.of("bench", "--engine", "mkl", "--no-conv", "--no-train-step");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--engine=mkl must be one of auto, own, onednn"), r.toString());
        Run top = Run.of("--engine", "gpu", "bench", "--no-conv", "--no-train-step");
        assertEquals(2, top.exitCode(), top.toString());
    }

    @Test
    void aNegativeWarmupTimeIsAUsageError() {
        Run r = Run.of("bench", "--warmup-seconds", "-1", "--no-conv", "--no-train-step");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--warmup-seconds in [0, 600]; got 15, 3 and -1.0"), r.toString());
    }

    @Test
    void negativeStepsIsAUsageError() {
        Run r = Run.of("bench", "--steps", "-1");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--steps=-1 must be non-negative"), r.toString());
    }

    @Test
    void trainStepOfTheSmallCnnLearnsItsBatch() {
        TrainStepBench bench = new TrainStepBench(TrainStepBench.pytorchPeer());
        double first = bench.step();
        double last = first;
        for (int i = 0; i < 3; i++) {
            last = bench.step();
        }
        assertTrue(Double.isFinite(first) && last < first, "loss " + first + " -> " + last);
        List<TrainStepBench.MemorySample> samples = bench.memoryRun(3, 1, 2);
        assertEquals(List.of(1L, 2L, 3L), samples.stream().map(TrainStepBench.MemorySample::step).toList());
    }
}
