package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minidl.core.Init;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.checkpoint.StateDictDiff;
import io.github.minidl.layers.checkpoint.StateDictMismatchException;
import io.github.minidl.layers.safetensors.CorruptSafetensorsException;
import io.github.minidl.layers.safetensors.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Module.saveSafetensors / loadSafetensors: exact bytes, key matching and dtype conversion. */
class ModuleSafetensorsTest {
    @TempDir
    Path dir;

    /** Conv2d(1, 10, 1) and BatchNorm2d(10) with distinct, recognisable values in every array. */
    private static Sequential tiny() {
        Sequential m = new Sequential(new Conv2d(1, 10, 1), new BatchNorm2d(10));
        int i = 1;
        for (Map.Entry<String, INDArray> e : m.stateDict().entrySet()) {
            INDArray a = e.getValue();
            if (a.dataType().isFPType()) {
                a.assign(Nd4j.arange(a.length()).castTo(a.dataType()).addi(i).divi(8).reshape(a.shape()));
            } else {
                a.assign(7);
            }
            i += 10;
        }
        return m;
    }

    @Test
    void aFileMinidlWritesHasTheExpectedBytesForAnIndependentReader() throws IOException {
        Sequential m = tiny();
        Path f = dir.resolve("tiny.safetensors");
        m.saveSafetensors(f);
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);

        long n = file.getLong(0);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[8,48]},"
                + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[10,1,1,1],\"data_offsets\":[48,88]},"
                + "\"1.bias\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[88,128]},"
                + "\"1.running_mean\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[128,168]},"
                + "\"1.running_var\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[168,208]},"
                + "\"1.weight\":{\"dtype\":\"F32\",\"shape\":[10],\"data_offsets\":[208,248]}}";
        assertEquals(501, json.length());
        assertEquals(504, n, "the header is padded to a multiple of 8 bytes");
        assertEquals(json + "   ", new String(file.array(), 8, (int) n, StandardCharsets.UTF_8), "padded with spaces");
        assertEquals(8 + n + 248, file.capacity(), "the data ends the file");

        JsonNode header = new ObjectMapper().readTree(Arrays.copyOfRange(file.array(), 8, 8 + (int) n));
        List<String> names = new ArrayList<>();
        header.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("__metadata__", "1.num_batches_tracked", "0.bias", "0.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.weight"), names);
        Map<String, INDArray> state = m.stateDict();
        for (String name : names.subList(1, names.size())) {
            JsonNode e = header.get(name);
            INDArray want = state.get(name).dup('c').reshape(-1);
            int begin = (int) (8 + n + e.get("data_offsets").get(0).asLong());
            int end = (int) (8 + n + e.get("data_offsets").get(1).asLong());
            ByteBuffer data = file.slice(begin, end - begin).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < want.length(); i++) {
                if (e.get("dtype").asText().equals("I64")) {
                    assertEquals(want.getLong(i), data.getLong(), name);
                } else {
                    assertEquals(Float.floatToRawIntBits(want.getFloat(i)), Float.floatToRawIntBits(data.getFloat()),
                            name + "[" + i + "]");
                }
            }
            assertEquals(0, data.remaining(), name);
        }
        assertEquals(7L, file.getLong((int) (8 + n)), "num_batches_tracked, little-endian");
        assertEquals(Float.floatToRawIntBits(11 / 8f), Float.floatToRawIntBits(file.getFloat((int) (8 + n + 8))),
                "0.bias[0], little-endian");
    }

    @Test
    void roundTripIsBitExactAndTheFileLoadsIntoAFreshModel() throws IOException {
        Init.manualSeed(3);
        Sequential a = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(4 * 3 * 3, 5));
        a.stateDict().get("1.running_var").assign(Nd4j.rand(DataType.FLOAT, 4));
        a.stateDict().get("1.num_batches_tracked").assign(123_456_789_012L);
        Path f = dir.resolve("a.safetensors");
        a.saveSafetensors(f);
        Init.manualSeed(4);
        Sequential b = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(4 * 3 * 3, 5));
        StateDictDiff diff = b.loadSafetensors(f);
        assertTrue(diff.isEmpty(), diff.describe());
        a.stateDict().forEach((k, v) -> assertEquals(v, b.stateDict().get(k), k));
        assertEquals(123_456_789_012L, b.stateDict().get("1.num_batches_tracked").getLong(0));
    }

    @Test
    void unknownMissingAndMisShapedKeysGiveTheCheckpointsMismatchError() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        tiny().saveSafetensors(f);
        Sequential bigger = new Sequential(new Conv2d(1, 10, 1), new BatchNorm2d(10), new Conv2d(10, 3, 1));
        var missing = assertThrows(StateDictMismatchException.class, () -> bigger.loadSafetensors(f));
        assertEquals(List.of("2.weight", "2.bias"), missing.diff().missingKeys());
        var viaStateDict = assertThrows(StateDictMismatchException.class,
                () -> bigger.loadStateDict(Safetensors.load(f).tensors(), KeyMatching.STRICT));
        assertEquals(viaStateDict.getMessage(), missing.getMessage(), "the same error as loadStateDict");

        Sequential smaller = new Sequential(new Conv2d(1, 10, 1));
        var unexpected = assertThrows(StateDictMismatchException.class, () -> smaller.loadSafetensors(f));
        assertTrue(unexpected.getMessage().contains("unexpected keys [1.num_batches_tracked, 1.bias, "
                + "1.running_mean, 1.running_var, 1.weight]"), unexpected.getMessage());
        StateDictDiff lenient = smaller.loadSafetensors(f, KeyMatching.LENIENT);
        assertEquals(5, lenient.unexpectedKeys().size());

        Sequential wider = new Sequential(new Conv2d(1, 11, 1), new BatchNorm2d(11));
        INDArray before = wider.stateDict().get("0.weight").dup();
        var shape = assertThrows(StateDictMismatchException.class, () -> wider.loadSafetensors(f));
        assertTrue(shape.getMessage().contains("0.weight: loaded [10, 1, 1, 1] FLOAT, model expects [11, 1, 1, 1] FLOAT"),
                shape.getMessage());
        assertEquals(before, wider.stateDict().get("0.weight"), "nothing is copied when a key does not fit");
    }

    @Test
    void float64FileLoadsIntoFloat32ModelRoundedAndBack() throws IOException {
        Sequential m = tiny();
        m.to(DataType.DOUBLE);
        m.stateDict().get("0.weight").assign(Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 / 3).reshape(10, 1, 1, 1));
        Path f64 = dir.resolve("f64.safetensors");
        m.saveSafetensors(f64);
        Sequential f32 = new Sequential(new Conv2d(1, 10, 1), new BatchNorm2d(10));
        f32.loadSafetensors(f64);
        INDArray w = f32.stateDict().get("0.weight");
        assertEquals(DataType.FLOAT, w.dataType());
        assertEquals(0.1f, w.getFloat(0));
        assertEquals(1f / 3, w.getFloat(9));
        assertEquals(DataType.LONG, f32.stateDict().get("1.num_batches_tracked").dataType());
        assertEquals(7L, f32.stateDict().get("1.num_batches_tracked").getLong(0));

        Path f32file = dir.resolve("f32.safetensors");
        f32.saveSafetensors(f32file);
        Sequential back = new Sequential(new Conv2d(1, 10, 1), new BatchNorm2d(10));
        back.to(DataType.DOUBLE);
        back.loadSafetensors(f32file);
        assertEquals((double) 0.1f, back.stateDict().get("0.weight").getDouble(0), 0.0, "float32 to float64 is exact");
    }

    @Test
    void aFloatArrayForAnIntegerBufferIsAMismatch() throws IOException {
        Map<String, INDArray> state = new LinkedHashMap<>(tiny().stateDict());
        state.put("1.num_batches_tracked", Nd4j.scalar(DataType.FLOAT, 7f));
        Path f = dir.resolve("float-counter.safetensors");
        Safetensors.save(f, state, Map.of());
        var e = assertThrows(StateDictMismatchException.class, () -> tiny().loadSafetensors(f));
        assertTrue(e.getMessage().contains("1.num_batches_tracked: loaded [] FLOAT, model expects [] LONG"),
                e.getMessage());
        state.put("1.num_batches_tracked", Nd4j.scalar(DataType.INT32, 9));
        Safetensors.save(f, state, Map.of());
        Sequential m = tiny();
        m.loadSafetensors(f);
        assertEquals(9L, m.stateDict().get("1.num_batches_tracked").getLong(0), "int32 converts to int64");
    }

    @Test
    void aDamagedFileLeavesTheModelUnchanged() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        tiny().saveSafetensors(f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 1));
        Sequential m = new Sequential(new Conv2d(1, 10, 1), new BatchNorm2d(10));
        INDArray before = m.stateDict().get("0.weight").dup();
        var e = assertThrows(CorruptSafetensorsException.class, () -> m.loadSafetensors(f));
        assertTrue(e.getMessage().contains("reach beyond the 247 data bytes"), e.getMessage());
        assertEquals(before, m.stateDict().get("0.weight"));
    }
}
