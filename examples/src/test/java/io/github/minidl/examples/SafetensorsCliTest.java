package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.Init;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.checkpoint.ArrayCodec;
import io.github.minidl.layers.checkpoint.Checkpoint;
import io.github.minidl.layers.safetensors.Safetensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code minidl train --save-weights} and {@code minidl summary --weights}. */
class SafetensorsCliTest {
    @TempDir
    Path dir;

    @Test
    void trainSavesTheTrainedWeightsAndSummaryLoadsThem() throws IOException {
        Path weights = dir.resolve("model.safetensors");
        Path ckpt = dir.resolve("run.ckpt");
        Run train = Run.of("train", "--model", "separable", "--limit", "64", "--test-limit", "20", "--batch-size", "32",
                "--epochs", "1", "--threads", "2", "--out", dir.resolve("out").toString(),
                "--checkpoint", ckpt.toString(), "--save-weights", weights.toString());
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.out().contains("Weights: " + weights.toAbsolutePath()), train.toString());

        Map<String, INDArray> saved = Safetensors.load(weights).tensors();
        Map<String, INDArray> trained = Checkpoint.load(ckpt).model();
        assertEquals(trained.keySet(), saved.keySet());
        trained.forEach((k, v) -> assertArrayEquals(ArrayCodec.encode(v), ArrayCodec.encode(saved.get(k)), k));

        Run summary = Run.of("summary", "--model", "separable", "--weights", weights.toString());
        assertEquals(0, summary.exitCode(), summary.toString());
        assertTrue(summary.out().contains("Loaded 25 arrays from " + weights), summary.toString());
        assertTrue(summary.out().contains("== separable") && summary.out().contains("Total params"), summary.toString());
        assertTrue(!summary.out().contains("== standard"), "only the chosen model: " + summary);
    }

    @Test
    void summaryLoadsPyTorchsFile() throws URISyntaxException {
        Path pytorch = Path.of(getClass().getResource("/safetensors/dilated.safetensors").toURI());
        Run r = Run.of("summary", "--model", "dilated", "--weights", pytorch.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Loaded 18 arrays") && r.out().contains("== dilated"), r.toString());
    }

    @Test
    void weightsOfAnotherModelAreOneClearLineNamingTheModelTheyFit() throws IOException {
        Path weights = dir.resolve("separable.safetensors");
        Init.manualSeed(0);
        ModelKind.SEPARABLE.build().saveSafetensors(weights);
        Run r = Run.of("summary", "--weights", weights.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), "one line: " + r);
        assertTrue(r.err().startsWith("minidl summary: error: " + weights + " does not fit --model standard: "
                + "state dict does not match the model: missing keys [0.4.weight, 0.4.bias"), r.toString());
        assertTrue(r.err().contains("unexpected keys [0.4.norm.num_batches_tracked, 0.4.depthwise.bias") && r.err().contains(
                "(they fit --model separable)"), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }

    @Test
    void aDamagedOrMissingFileIsOneClearLine() throws IOException {
        Path damaged = dir.resolve("damaged.safetensors");
        Files.write(damaged, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        Run r = Run.of("summary", "--weights", damaged.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("header length 8 exceeds the 2 bytes that follow it"), r.toString());
        Run missing = Run.of("summary", "--weights", dir.resolve("absent.safetensors").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no such file"), missing.toString());
        MinidlTest.assertNoStackTrace(missing);
    }

    @Test
    void trainRejectsAnUnwritableWeightsPathBeforeTraining() {
        Run dirAsFile = Run.of("train", "--save-weights", dir.toString());
        assertEquals(2, dirAsFile.exitCode(), dirAsFile.toString());
        assertTrue(dirAsFile.err().contains("--save-weights=" + dir + " is a directory"), dirAsFile.toString());
        Run noDir = Run.of("train", "--save-weights", dir.resolve("nowhere/model.safetensors").toString());
        assertEquals(2, noDir.exitCode(), noDir.toString());
        assertTrue(noDir.err().contains("no such directory"), noDir.toString());
    }
}
