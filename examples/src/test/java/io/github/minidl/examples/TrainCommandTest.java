package io.github.minidl.examples;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.data.IdxWriter;
import io.github.minidl.examples.data.LabelledImages;
import io.github.minidl.examples.output.OutputLock;
import io.github.minidl.examples.plot.Pictures;
import io.github.minidl.examples.train.RunPictures;
import io.github.minidl.layers.checkpoint.Checkpoint;
import io.github.minidl.layers.checkpoint.CheckpointContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The train sub-command end to end on small slices of the shipped subset. */
@Timeout(120) // runs worker threads: a hang fails the test instead of the build
class TrainCommandTest {
    private static final Pattern FINAL = Pattern.compile("Final test accuracy: ([0-9.]+)%");

    @TempDir
    Path dir;

    /** A tiny run: 96 images in batches of 32, 50 test images, two threads. */
    private List<String> tiny(String... more) {
        return tiny(1, more);
    }

    private List<String> tiny(int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--limit", "96", "--test-limit", "50",
                "--batch-size", "32", "--epochs", String.valueOf(epochs), "--threads", "2",
                "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static Run run(List<String> args) {
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void helpNamesTheOptions() {
        Run r = Run.of("train", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String option : List.of("--model", "--epochs", "--batch-size", "--lr", "--optimizer", "--seed",
                "--threads", "--data", "--limit", "--out", "--checkpoint", "--resume", "--warmup-epochs")) {
            assertTrue(r.out().contains(option), option + " in " + r);
        }
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--epochs", "0"), "--epochs=0 must be at least 1"),
                Arguments.of(List.of("--batch-size", "-3"), "--batch-size=-3 must be at least 1"),
                Arguments.of(List.of("--model", "foo"), "'foo' is not a model; expected standard, separable or dilated"),
                Arguments.of(List.of("--optimizer", "rmsprop"), "'rmsprop' is not an optimizer"),
                Arguments.of(List.of("--lr", "-0.1"), "--lr=-0.1 must be finite and positive"),
                Arguments.of(List.of("--lr", "NaN"), "--lr=NaN must be finite and positive"),
                Arguments.of(List.of("--threads", "0"), "--threads=0 must lie in [1, "),
                Arguments.of(List.of("--threads", "1000"), "--threads=1000 must lie in [1, "),
                Arguments.of(List.of("--threads", "2147483647"), "--threads=2147483647 must lie in [1, "),
                Arguments.of(List.of("--epochs", "2", "--warmup-epochs", "2"),
                        "--warmup-epochs=2 must be at least 0 and less than --epochs=2"),
                Arguments.of(List.of("--warmup-epochs", "-1"), "--warmup-epochs=-1 must be at least 0"),
                Arguments.of(List.of("--limit", "0"), "--limit=0 must be at least 1"),
                Arguments.of(List.of("--epochs", "two"), "'two' is not an int"),
                Arguments.of(List.of("--data", "/nonexistent"), "--data=/nonexistent: no such directory"),
                Arguments.of(List.of("--resume", "/nonexistent.ckpt"), "--resume=/nonexistent.ckpt: no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionIsOneLineAndExitCodeTwo(List<String> options, String expected) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(options);
        Run r = run(args);
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), "one line: " + r);
        assertTrue(r.err().contains(expected), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }

    @Test
    void oneEpochOnAFewHundredImagesBeatsChanceAndWritesThePictures() throws IOException {
        Run r = run(List.of("train", "--limit", "384", "--test-limit", "500", "--batch-size", "32", "--epochs", "1",
                "--threads", "2", "--out", dir.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Total params") && r.out().contains("Convolution parameters"), r.toString());
        assertTrue(r.out().contains("epoch 1/1: train loss"), r.toString());
        assertTrue(r.err().contains("epoch 1/1") && r.err().contains("img/s"), "progress bar: " + r);
        Matcher m = FINAL.matcher(r.out());
        assertTrue(m.find(), r.toString());
        assertTrue(Double.parseDouble(m.group(1)) > 30, "accuracy " + m.group(1) + "% must beat chance (10%) clearly");
        for (String file : RunPictures.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file + " written");
            if (file.endsWith(".png")) {
                // The charts are 640x400; the confusion matrix has ten 48-pixel rows and columns.
                Pictures.assertDrawnPng(dir.resolve(file), 480, 400);
            }
        }
        assertTrue(Files.readString(dir.resolve("history.csv")).startsWith("epoch,train_loss"), "history.csv");
        String lastLine = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(lastLine.startsWith("Final test accuracy") && lastLine.contains(dir.toString()), lastLine);
    }

    @Test
    void sameSeedSameLossesOtherSeedOtherLosses() throws IOException {
        Path a = dir.resolve("a.ckpt");
        Path b = dir.resolve("b.ckpt");
        Path c = dir.resolve("c.ckpt");
        assertEquals(0, run(tiny("--seed", "7", "--checkpoint", a.toString())).exitCode());
        assertEquals(0, run(tiny("--seed", "7", "--checkpoint", b.toString())).exitCode());
        assertEquals(0, run(tiny("--seed", "8", "--checkpoint", c.toString())).exitCode());
        CheckpointContent ca = Checkpoint.load(a);
        CheckpointContent cb = Checkpoint.load(b);
        assertEquals(ca.metadata().get("history.trainLoss"), cb.metadata().get("history.trainLoss"));
        assertEquals(ca.metadata().get("history.testLoss"), cb.metadata().get("history.testLoss"));
        assertBitEqual(ca.model(), cb.model(), "model");
        assertNotEquals(ca.metadata().get("history.trainLoss"), Checkpoint.load(c).metadata().get("history.trainLoss"));
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws IOException {
        Path part = dir.resolve("part.ckpt");
        Path resumed = dir.resolve("resumed.ckpt");
        Path whole = dir.resolve("whole.ckpt");
        // 96 images in batches of 32 over 2 epochs: 6 steps; stop after 4 (part-way through epoch 2).
        Run first = run(tiny(2, "--optimizer", "adamw", "--max-steps", "4", "--checkpoint", part.toString()));
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("stopped after 4 steps"), first.toString());
        Run second = run(tiny(2, "--resume", part.toString(), "--checkpoint", resumed.toString()));
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("Resuming") && second.out().contains("epoch 2, step 4"), second.toString());
        Run uninterrupted = run(tiny(2, "--optimizer", "adamw", "--checkpoint", whole.toString()));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.toString());

        CheckpointContent r = Checkpoint.load(resumed);
        CheckpointContent w = Checkpoint.load(whole);
        assertBitEqual(w.model(), r.model(), "model");
        assertBitEqual(w.optimizer().orElseThrow().buffers(), r.optimizer().orElseThrow().buffers(), "optimizer");
        assertEquals(w.optimizer().orElseThrow().scalars(), r.optimizer().orElseThrow().scalars());
        for (String key : List.of("step", "loader.epoch", "loader.batch", "scheduler.epoch", "history.trainLoss",
                "history.trainAccuracy", "history.testLoss", "history.testAccuracy", "history.stepLoss")) {
            assertEquals(w.metadata().get(key), r.metadata().get(key), key);
        }
    }

    /**
     * {@code --warmup-epochs 1} over 2 epochs: epoch 1 runs at lr/2 (LinearLR from 1/2), epoch 2 at
     * lr (the start of the cosine over the remaining epoch); the rate in effect is in each
     * checkpoint's optimiser state, with the initial lr it started from.
     */
    @Test
    void warmupRaisesTheRateThenTheCosineTakesOver() throws IOException {
        double[] expected = {0.0005, 0.001};
        for (int epoch = 1; epoch <= 2; epoch++) {
            Path ckpt = dir.resolve("w" + epoch + ".ckpt");
            // 96 images in batches of 32: step 3k + 1 is the first of epoch k + 1.
            Run r = run(tiny(2, "--optimizer", "adam", "--warmup-epochs", "1", "--max-steps",
                    String.valueOf(3 * (epoch - 1) + 1), "--checkpoint", ckpt.toString()));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("1-epoch linear warm-up, then cosine schedule"), r.toString());
            Map<String, Double> scalars = Checkpoint.load(ckpt).optimizer().orElseThrow().scalars();
            assertEquals(expected[epoch - 1], scalars.get("lr"), 1e-18, "epoch " + epoch + ": " + scalars);
            assertEquals(0.001, scalars.get("initial_lr"), 0.0);
        }
    }

    @Test
    void resumeRejectsADifferentModel() throws IOException {
        Path part = dir.resolve("part.ckpt");
        assertEquals(0, run(tiny("--max-steps", "1", "--checkpoint", part.toString())).exitCode());
        Run r = run(tiny("--resume", part.toString(), "--model", "dilated"));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--model=dilated differs from the resumed run's standard"), r.toString());
    }

    /** Output places that cannot work fail before the data is even read, in one line naming the file. */
    @Test
    void unusableOutputsFailBeforeTheFirstStep() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run under = run(List.of("train", "--limit", "32", "--epochs", "1", "--out", file.resolve("sub").toString()));
        assertEquals(2, under.exitCode(), under.toString());
        assertEquals(1, under.errLines(), under.toString());
        assertTrue(under.err().contains("--out=" + file.resolve("sub") + ": " + file + " is a file; it must be a "
                + "directory"), under.toString());
        assertEquals("", under.out(), "nothing ran: " + under);

        Path folder = Files.createDirectories(dir.resolve("folder"));
        Run ckpt = run(tiny("--checkpoint", folder.toString()));
        assertEquals(2, ckpt.exitCode(), ckpt.toString());
        assertEquals(1, ckpt.errLines(), ckpt.toString());
        assertTrue(ckpt.err().contains("--checkpoint=" + folder + " is a directory; it must name a file"),
                ckpt.toString());
        assertEquals("", ckpt.out(), "nothing ran: " + ckpt);
        MinidlTest.assertNoStackTrace(ckpt);
    }

    /** A second run on the same --out or --checkpoint while the first holds it is refused. */
    @Test
    void aSecondRunOnTheSameOutputsIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path ckpt = dir.resolve("run.ckpt");
        try (OutputLock first = OutputLock.acquire(List.of(out.resolve(OutputLock.DIRECTORY_LOCK)), List.of("x"))) {
            Run r = run(tiny());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("--out=" + out + " is in use by another minidl run"), r.toString());
            assertEquals("", r.out(), "nothing ran: " + r);
        }
        try (OutputLock first = OutputLock.acquire(List.of(OutputLock.lockFileFor(ckpt)), List.of("x"))) {
            Run r = run(tiny("--checkpoint", ckpt.toString()));
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("--checkpoint=" + ckpt + " is in use by another minidl run"), r.toString());
            MinidlTest.assertNoStackTrace(r);
        }
        assertFalse(Files.exists(ckpt), "the refused run wrote nothing");
        assertEquals(0, run(tiny("--checkpoint", ckpt.toString(), "--max-steps", "1")).exitCode(), "free again");
    }

    static Stream<Arguments> badMetadata() {
        return Stream.of(
                Arguments.of("epoch.partial", "NaN,1,32,0.5", "metadata 'epoch.partial'=NaN,1,32,0.5 holds NaN"),
                Arguments.of("epoch.partial", "1,2,3", "must hold 4 numbers"),
                Arguments.of("history.stepLoss", "a", "metadata 'history.stepLoss'=a is not a number"),
                Arguments.of("run.epochs", "a", "metadata 'run.epochs'=a is not an integer"),
                Arguments.of("run.lr", "Infinity", "metadata 'run.lr'=Infinity holds Infinity"),
                Arguments.of("run.model", "huge", "metadata 'run.model'=huge is not a known model"),
                Arguments.of("step", "1e3", "metadata 'step'=1e3 is not an integer"));
    }

    /** A checkpoint with a valid checksum but bad metadata: refused on load, naming the key. */
    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badMetadata")
    void badCheckpointMetadataNamesTheKey(String key, String value, String expected) throws IOException {
        Path good = dir.resolve("good.ckpt");
        if (!Files.exists(good)) {
            assertEquals(0, run(tiny("--max-steps", "1", "--checkpoint", good.toString())).exitCode());
        }
        Path bad = dir.resolve("bad.ckpt");
        Checkpoint.save(bad, Checkpoint.load(good).withMetadata(key, value));
        Run r = run(tiny("--resume", bad.toString()));
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }

    @Test
    void nonFiniteLossStopsWithAClearMessageAndKeepsTheCheckpoint() throws IOException {
        Path ckpt = dir.resolve("good.ckpt");
        assertEquals(0, run(tiny("--checkpoint", ckpt.toString())).exitCode());
        Map<String, INDArray> good = Checkpoint.load(ckpt).model();
        Run r = run(tiny("--optimizer", "sgd", "--lr", "1e30", "--checkpoint", ckpt.toString()));
        assertEquals(1, r.exitCode(), r.toString());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("minidl train: error: the loss became") && last.contains("Try a smaller --lr")
                && last.contains("the last good checkpoint is kept in " + ckpt), last);
        MinidlTest.assertNoStackTrace(r);
        assertBitEqual(good, Checkpoint.load(ckpt).model(), "model");
    }

    /** A data directory whose test split (or training split) holds no images. */
    private Path dataWithAnEmptySplit(String empty) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data-" + empty));
        LabelledImages some = FashionMnist.shipped().train().head(8);
        LabelledImages none = some.head(0);
        IdxWriter.writeImages(data.resolve(FashionMnist.TRAIN_IMAGES), empty.equals("training") ? none.images() : some.images());
        IdxWriter.writeLabels(data.resolve(FashionMnist.TRAIN_LABELS), empty.equals("training") ? none.labels() : some.labels());
        IdxWriter.writeImages(data.resolve(FashionMnist.TEST_IMAGES), empty.equals("test") ? none.images() : some.images());
        IdxWriter.writeLabels(data.resolve(FashionMnist.TEST_LABELS), empty.equals("test") ? none.labels() : some.labels());
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"training", "test"})
    void anEmptySplitIsAClearError(String empty) throws IOException {
        Path data = dataWithAnEmptySplit(empty);
        for (String command : List.of("train", "autoencoder")) {
            Run r = Run.of(command, "--data", data.toString(), "--epochs", "1", "--threads", "2",
                    "--out", dir.resolve("out").toString());
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals(1, r.errLines(), r.toString());
            assertTrue(r.err().contains("the " + empty + " split holds no images"), r.toString());
            MinidlTest.assertNoStackTrace(r);
        }
    }
}
