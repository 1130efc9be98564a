package io.github.minidl.layers.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StateDictsTest {

    private static Map<String, INDArray> model() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("conv.weight", Nd4j.zeros(DataType.FLOAT, 8, 1, 3, 3));
        m.put("conv.bias", Nd4j.zeros(DataType.FLOAT, 8));
        m.put("fc.weight", Nd4j.zeros(DataType.FLOAT, 10, 8));
        return m;
    }

    @Test
    void identicalDictsHaveNoDifferences() {
        StateDictDiff d = StateDicts.requireCompatible(model(), model(), KeyMatching.STRICT);
        assertTrue(d.isEmpty(), d.describe());
    }

    @Test
    void strictNamesMissingAndUnexpectedKeys() {
        Map<String, INDArray> loaded = model();
        loaded.remove("conv.bias");
        loaded.put("conv.b", Nd4j.zeros(DataType.FLOAT, 8));
        var e = assertThrows(StateDictMismatchException.class,
                () -> StateDicts.requireCompatible(model(), loaded, KeyMatching.STRICT));
        assertEquals(List.of("conv.bias"), e.diff().missingKeys());
        assertEquals(List.of("conv.b"), e.diff().unexpectedKeys());
        assertTrue(e.getMessage().contains("missing keys [conv.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [conv.b]"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void lenientReturnsKeyDifferencesInsteadOfThrowing() {
        Map<String, INDArray> loaded = model();
        loaded.remove("fc.weight");
        loaded.put("extra", Nd4j.zeros(1));
        StateDictDiff d = StateDicts.requireCompatible(model(), loaded, KeyMatching.LENIENT);
        assertEquals(List.of("fc.weight"), d.missingKeys());
        assertEquals(List.of("extra"), d.unexpectedKeys());
    }

    @Test
    void shapeAndDtypeMismatchesFailInEitherModeNamingTheKey() {
        Map<String, INDArray> loaded = model();
        loaded.put("conv.weight", Nd4j.zeros(DataType.FLOAT, 16, 1, 3, 3));
        loaded.put("fc.weight", Nd4j.zeros(DataType.DOUBLE, 10, 8));
        for (KeyMatching mode : KeyMatching.values()) {
            var e = assertThrows(StateDictMismatchException.class,
                    () -> StateDicts.requireCompatible(model(), loaded, mode));
            assertEquals(2, e.diff().mismatches().size(), mode.toString());
            assertTrue(e.getMessage().contains(
                    "conv.weight: loaded [16, 1, 3, 3] FLOAT, model expects [8, 1, 3, 3] FLOAT"), e.getMessage());
            assertTrue(e.getMessage().contains("fc.weight: loaded [10, 8] DOUBLE, model expects [10, 8] FLOAT"),
                    e.getMessage());
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsRejectedAfterLoading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.ckpt");
        Map<String, INDArray> other = model();
        other.put("conv.weight", Nd4j.zeros(DataType.FLOAT, 4, 1, 5, 5));
        Checkpoint.save(file, CheckpointContent.of(other));
        Map<String, INDArray> loaded = Checkpoint.load(file).model();
        var e = assertThrows(StateDictMismatchException.class,
                () -> StateDicts.requireCompatible(model(), loaded, KeyMatching.STRICT));
        assertTrue(e.getMessage().contains("conv.weight: loaded [4, 1, 5, 5]"), e.getMessage());
    }
}
