package io.github.minidl.layers.checkpoint;

import static io.github.minidl.layers.checkpoint.Fixtures.assertSameArrays;
import static io.github.minidl.layers.checkpoint.Fixtures.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CheckpointTest {
    @TempDir
    Path dir;

    private Path saved(CheckpointContent content) throws IOException {
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, content);
        return file;
    }

    private CorruptCheckpointException corrupt(Path file) {
        return assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(file));
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void roundTripIsBitExactWithOptimizerAndMetadata() throws IOException {
        CheckpointContent content = Fixtures.small(1);
        Instant before = Instant.now();
        CheckpointContent loaded = Checkpoint.load(saved(content));
        assertSameContent(content, loaded);
        Instant created = loaded.createdAt().orElseThrow();
        assertFalse(created.isBefore(before.minus(Duration.ofSeconds(1))), created.toString());
        assertTrue(Float.isNaN(loaded.model().get("features.0.bias").getFloat(0)));
        assertEquals(Float.floatToRawIntBits(-0.0f),
                Float.floatToRawIntBits(loaded.model().get("features.0.bias").getFloat(1)));
        assertEquals(0, loaded.model().get("bn.num_batches_tracked").rank());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "LONG", "INT", "HALF", "SHORT", "BYTE", "UBYTE", "BOOL"})
    void everyDtypeRoundTripsIncludingViewsScalarsAndEmptyArrays(DataType type) throws IOException {
        INDArray base = Nd4j.arange(-12, 12).castTo(type).reshape(4, 6);
        Map<String, INDArray> model = new LinkedHashMap<>();
        model.put("plain", base);
        model.put("transposed", base.transpose());
        model.put("offset view", base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5)));
        model.put("scalar", Nd4j.scalar(type, 1));
        model.put("empty", Nd4j.create(type, 0, 3));
        CheckpointContent loaded = Checkpoint.load(saved(CheckpointContent.of(model)));
        assertSameArrays(model, loaded.model(), type.toString());
        assertEquals(base.transpose(), loaded.model().get("transposed"));
    }

    @Test
    void fileIsAPlainZipWithTheDocumentedManifest() throws IOException {
        Path file = saved(Fixtures.small(2));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var manifest = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            assertEquals("minidl-checkpoint", manifest.get("format").asText());
            assertEquals(2, manifest.get("version").asInt());
            assertEquals("2", manifest.get("metadata").get("epoch").asText());
            var first = manifest.get("entries").get(0);
            assertEquals("features.0.weight", first.get("key").asText());
            assertEquals("float32", first.get("dtype").asText());
            assertEquals(4 * 9 * 4, first.get("byteLength").asLong());
            byte[] raw = zip.getInputStream(zip.getEntry(first.get("path").asText())).readAllBytes();
            float v = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat(4);
            assertEquals(Fixtures.small(2).model().get("features.0.weight").getFloat(0, 0, 0, 1), v, 0f);
        }
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir.resolve("absent.ckpt")));
    }

    @Test
    void garbageAndEmptyFilesAreNotCheckpoints() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.ckpt"), "hello, not a zip".getBytes(StandardCharsets.UTF_8));
        assertMessage(corrupt(garbage), "not a readable ZIP archive");
        Path empty = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        assertMessage(corrupt(empty), "not a readable ZIP archive");
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        Path good = saved(Fixtures.small(3));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.ckpt");
        for (int length = 0; length < bytes.length; length += Math.max(1, length / 16)) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            int n = length;
            var e = assertThrows(CorruptCheckpointException.class, () -> Checkpoint.load(cut), "length " + n);
            assertMessage(e, cut.toString());
        }
    }

    @Test
    void aFlippedDataByteFailsTheChecksumNamingTheKey() throws IOException {
        Path file = saved(Fixtures.small(4));
        byte[] bytes = Files.readAllBytes(file);
        byte[] weight = ArrayCodec.encode(Fixtures.small(4).model().get("fc.weight"));
        int at = indexOf(bytes, weight);
        assertTrue(at > 0);
        bytes[at + 17] ^= 0x10;
        Files.write(file, bytes);
        var e = corrupt(file);
        assertEquals("model/fc.weight", e.key());
        assertMessage(e, "model/fc.weight", "checksum mismatch");
    }

    @Test
    void noSingleByteFlipAnywhereYieldsWrongContent() throws IOException {
        Map<String, INDArray> model = new LinkedHashMap<>();
        model.put("w", Nd4j.createFromArray(new float[][] {{1.5f, -2f}, {3f, 4.25f}}));
        model.put("steps", Nd4j.createFromArray(5L));
        CheckpointContent content = CheckpointContent.of(model).withMetadata("epoch", "9");
        Path file = saved(content);
        byte[] good = Files.readAllBytes(file);
        Path flipped = dir.resolve("flipped.ckpt");
        int rejected = 0;
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) 0x01;
            Files.write(flipped, bad);
            CheckpointContent loaded;
            try {
                loaded = Checkpoint.load(flipped);
            } catch (CorruptCheckpointException e) {
                rejected++;
                continue;
            }
            // A flip in a field no reader uses (a timestamp, a local header name) may load: then exactly.
            assertSameContent(content, loaded);
        }
        assertTrue(rejected > good.length / 2, rejected + " of " + good.length + " flips rejected");
    }

    @Test
    void missingManifestIsNamed() throws IOException {
        Path file = dir.resolve("nomanifest.ckpt");
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("model/000000.bin"));
            zip.write(new byte[16]);
            zip.closeEntry();
        }
        assertMessage(corrupt(file), "has no manifest.json");
    }

    @Test
    void wrongFormatOrVersionIsRejected() throws IOException {
        Path file = saved(Fixtures.small(5));
        rewriteManifest(file, m -> m.put("version", 3));
        assertMessage(corrupt(file), "format version 3 is not supported", "reads versions 1 to 2");
        file = saved(Fixtures.small(5));
        rewriteManifest(file, m -> m.put("version", 0));
        assertMessage(corrupt(file), "format version 0 is not supported", "reads versions 1 to 2");
        file = saved(Fixtures.small(5));
        rewriteManifest(file, m -> m.put("format", "safetensors"));
        assertMessage(corrupt(file), "manifest format", "minidl-checkpoint");
    }

    @Test
    void declaredShapeThatDisagreesWithTheBytesIsRejected() throws IOException {
        Path file = saved(Fixtures.small(6));
        rewriteManifest(file, m -> ((ObjectNode) m.get("entries").get(3)).putArray("shape").add(5).add(3).add(2));
        var e = corrupt(file);
        assertEquals("model/fc.weight", e.key());
        assertMessage(e, "shape [5, 3, 2] x float64 needs 240 bytes", "byteLength=120");
    }

    @Test
    void consistentlyForgedLengthsStillFailOnTheData() throws IOException {
        Path file = saved(Fixtures.small(6));
        rewriteManifest(file, m -> {
            ObjectNode e = (ObjectNode) m.get("entries").get(3);
            e.putArray("shape").add(5).add(2);
            e.put("byteLength", 80);
        });
        assertMessage(corrupt(file), "model/fc.weight", "holds 120 bytes", "declares 80");
    }

    @Test
    void manifestChecksumAndDtypeAndSectionErrorsNameTheKey() throws IOException {
        Path file = saved(Fixtures.small(7));
        rewriteManifest(file, m -> ((ObjectNode) m.get("entries").get(0)).put("crc32", 12345));
        assertMessage(corrupt(file), "model/features.0.weight", "checksum mismatch");
        file = saved(Fixtures.small(7));
        rewriteManifest(file, m -> ((ObjectNode) m.get("entries").get(1)).put("dtype", "complex64"));
        assertMessage(corrupt(file), "model/features.0.bias", "unknown dtype 'complex64'");
        file = saved(Fixtures.small(7));
        rewriteManifest(file, m -> ((ObjectNode) m.get("entries").get(1)).put("path", "model/999999.bin"));
        assertMessage(corrupt(file), "model/features.0.bias", "missing from the archive");
        file = saved(Fixtures.small(7));
        rewriteManifest(file, m -> m.remove("optimizer"));
        assertMessage(corrupt(file), "optimizer arrays", "no 'optimizer' object");
    }

    @Test
    void unsupportedDtypeIsRejectedBeforeAnyFileIsCreated() throws IOException {
        Map<String, INDArray> model = Map.of("u", Nd4j.create(DataType.UINT32, 2));
        Path file = dir.resolve("never.ckpt");
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file, CheckpointContent.of(model)));
        assertMessage(e, "model/u", "UINT32", "float32");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void contentRejectsNullsAndNonFiniteScalars() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerState("SGD", Map.of("lr", Double.NaN), Map.of()));
        assertMessage(e, "'lr'=NaN");
        Map<String, INDArray> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        assertThrows(NullPointerException.class, () -> CheckpointContent.of(withNull));
    }

    /** Rewrites manifest.json (keeping every other entry) to forge an inconsistent file. */
    private static void rewriteManifest(Path file, Consumer<ObjectNode> edit) throws IOException {
        var json = new ObjectMapper();
        var out = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(file.toFile()); var zip = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(Checkpoint.MANIFEST)) {
                    ObjectNode m = (ObjectNode) json.readTree(data);
                    edit.accept(m);
                    data = json.writeValueAsBytes(m);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        Files.write(file, out.toByteArray());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void fixtureBitsSeeNaNPayloads() {
        INDArray a = Nd4j.createFromArray(Float.intBitsToFloat(0x7fc00001));
        INDArray b = Nd4j.createFromArray(Float.intBitsToFloat(0x7fc00002));
        assertFalse(java.util.Arrays.equals(Fixtures.bits(a), Fixtures.bits(b)));
        assertArrayEquals(Fixtures.bits(a), Fixtures.bits(a.dup()));
    }
}
