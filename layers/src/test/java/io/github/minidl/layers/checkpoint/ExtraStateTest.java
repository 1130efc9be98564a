package io.github.minidl.layers.checkpoint;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.Init;
import io.github.minidl.layers.Dropout;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.data.LoaderPosition;
import io.github.minidl.layers.optim.Optimizer;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Modules' extra state (Dropout's mask counter) through {@link TrainingCheckpoint}, old files included. */
class ExtraStateTest {
    @TempDir
    Path dir;

    /** Dropouts at "1" and "2.1", the layout of the stored legacy file. */
    private static Module model() {
        Init.manualSeed(5);
        return new Sequential(new Linear(4, 3), new Dropout(0.5), new Sequential(new Linear(3, 2), new Dropout(0.25)));
    }

    private static Optimizer sgd(Module m) {
        return new SGD(m.parameters(), SgdOptions.lr(0.1).withMomentum(0.9));
    }

    private static Dropout dropout(Module m, String name) {
        return (Dropout) m.namedModules().get(name);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    /**
     * legacy-dropout.ckpt was written by the previous whole-run checkpoint code, which kept the
     * counters as {@code dropout.<module>.calls}: {@link #model()} after three SGD steps on ones
     * [2, 4] (summed output), counter of "1" set to 17, of "2.1" at 3; state (epoch 2, batch 1),
     * scheduler epoch 2, step 3, seed 5.
     */
    @Test
    void checkpointsWrittenBeforeTheHookStillRestoreTheCounters() throws IOException, URISyntaxException {
        Path legacy = Path.of(ExtraStateTest.class.getResource("/checkpoint/legacy-dropout.ckpt").toURI());
        Module m = model();
        TrainingState state = TrainingCheckpoint.restore(legacy, m, sgd(m));
        assertEquals(new TrainingState(new LoaderPosition(2, 1), 2, 3, 5), state);
        assertEquals(17, dropout(m, "1").calls());
        assertEquals(3, dropout(m, "2.1").calls());
        assertBitEqual(Checkpoint.load(legacy).model(), m.stateDict(), "model");
    }

    @Test
    void countersRoundTripUnderTheExtraStateKeys() throws IOException {
        Module saved = model();
        dropout(saved, "1").seek(5);
        dropout(saved, "2.1").seek(9);
        Path file = dir.resolve("run.ckpt");
        TrainingCheckpoint.save(file, saved, sgd(saved), new TrainingState(LoaderPosition.start(), 0, 0, 5));
        Map<String, String> meta = Checkpoint.load(file).metadata();
        assertEquals("5", meta.get("extra_state.1.calls"));
        assertEquals("9", meta.get("extra_state.2.1.calls"));

        Module restored = model();
        TrainingCheckpoint.restore(file, restored, sgd(restored));
        assertEquals(5, dropout(restored, "1").calls());
        assertEquals(9, dropout(restored, "2.1").calls());
    }

    /** A file with the given extra metadata on top of a valid whole-run checkpoint of {@link #model()}. */
    private Path withMetadata(Map<String, String> extra) throws IOException {
        Module m = model();
        Map<String, String> meta = new LinkedHashMap<>(new TrainingState(LoaderPosition.start(), 0, 0, 5).toMetadata());
        meta.putAll(extra);
        Path file = dir.resolve("edited.ckpt");
        Checkpoint.save(file, CheckpointContent.of(m.stateDict()).withOptimizer(sgd(m).state()).withMetadata(meta));
        return file;
    }

    @Test
    void badExtraStateIsRefusedBeforeAnythingChanges() throws IOException {
        Path file = withMetadata(Map.of("extra_state.1.calls", "4", "extra_state.2.1.calls", "-4"));
        Module m = model();
        m.namedParameters().values().forEach(p -> p.data().assign(0.5));
        dropout(m, "1").seek(2);
        Map<String, INDArray> before = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> before.put(k, v.dup()));

        var e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(file, m, sgd(m)));
        assertMessage(e, "module '2.1' (Dropout)", "calls=-4 must be non-negative");
        assertEquals(2, dropout(m, "1").calls());
        assertBitEqual(before, m.stateDict(), "model after a refused restore");

        var n = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(
                withMetadata(Map.of("extra_state.1.calls", "many")), m, sgd(m)));
        assertMessage(n, "module '1' (Dropout)", "'calls'=many is not an integer");
    }

    @Test
    void extraStateForModulesWithoutItIsRefused() throws IOException {
        Module m = model();
        var unknown = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(
                withMetadata(Map.of("extra_state.7.calls", "1")), m, sgd(m)));
        assertMessage(unknown, "modules the model lacks: [7]");
        var linear = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(
                withMetadata(Map.of("extra_state.0.calls", "1")), m, sgd(m)));
        assertMessage(linear, "module '0' (Linear)", "Linear keeps no extra state");
        var key = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(
                withMetadata(Map.of("extra_state.1.seed", "1")), m, sgd(m)));
        assertMessage(key, "module '1' (Dropout)", "Dropout keeps only 'calls'; got [seed]");
    }

    @Test
    void aModuleWithoutExtraStateWritesNone() {
        assertEquals(Map.of(), ExtraStateMetadata.of(new Sequential(new Linear(2, 2), new ReLU())));
        assertEquals(Map.of("extra_state.calls", "0"), ExtraStateMetadata.of(new Dropout()));
    }
}
