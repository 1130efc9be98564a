package io.github.minidl.layers.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads a checkpoint, trusting nothing: every length, checksum and shape is checked before use. */
final class CheckpointReader {
    /** A manifest larger than this is not one this code wrote. */
    private static final long MAX_MANIFEST_BYTES = 64L << 20;

    private final Path file;
    private final ZipFile zip;

    private CheckpointReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static CheckpointContent read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no checkpoint file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | java.io.EOFException e) {
            throw new CorruptCheckpointException(file, null,
                    "not a readable ZIP archive (truncated, damaged or not a checkpoint): " + e.getMessage(), e);
        }
        try (zip) {
            return new CheckpointReader(file, zip).content();
        } catch (RuntimeException e) {
            // ZipFile reports some damage (e.g. a garbled entry name) as unchecked exceptions.
            throw new CorruptCheckpointException(file, null, "damaged archive: " + e, e);
        }
    }

    private CheckpointContent content() throws IOException {
        JsonNode manifest = manifest();
        Map<String, INDArray> model = new LinkedHashMap<>();
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        JsonNode entries = manifest.get("entries");
        if (entries == null || !entries.isArray()) {
            throw corrupt(null, "manifest has no 'entries' array");
        }
        Set<String> paths = new HashSet<>();
        for (JsonNode node : entries) {
            ManifestEntry entry;
            try {
                entry = ManifestEntry.fromJson(node);
            } catch (IllegalArgumentException e) {
                throw corrupt(null, "malformed manifest entry: " + e.getMessage());
            }
            if (!paths.add(entry.path())) {
                throw corrupt(entry.qualifiedKey(), "path " + entry.path() + " is listed twice in the manifest");
            }
            Map<String, INDArray> section = switch (entry.section()) {
                case Checkpoint.MODEL_SECTION -> model;
                case Checkpoint.OPTIMIZER_SECTION -> buffers;
                default -> throw corrupt(entry.qualifiedKey(), "unknown section '" + entry.section()
                        + "'; expected " + Checkpoint.MODEL_SECTION + " or " + Checkpoint.OPTIMIZER_SECTION);
            };
            if (section.containsKey(entry.key())) {
                throw corrupt(entry.qualifiedKey(), "key is listed twice in the manifest");
            }
            section.put(entry.key(), array(entry));
        }
        CheckpointContent content = CheckpointContent.of(model).withMetadata(stringMap(manifest.get("metadata")));
        JsonNode optimizer = manifest.get("optimizer");
        if (optimizer != null && !optimizer.isNull()) {
            content = content.withOptimizer(optimizerState(optimizer, buffers));
        } else if (!buffers.isEmpty()) {
            throw corrupt(null, "manifest lists optimizer arrays " + buffers.keySet() + " but no 'optimizer' object");
        }
        return content.withCreatedAt(createdAt(manifest));
    }

    private JsonNode manifest() throws IOException {
        ZipEntry entry = zip.getEntry(Checkpoint.MANIFEST);
        if (entry == null) {
            throw corrupt(null, "has no " + Checkpoint.MANIFEST + "; it is not a minidl checkpoint or it is damaged");
        }
        if (entry.getSize() < 0 || entry.getSize() > MAX_MANIFEST_BYTES) {
            throw corrupt(null, Checkpoint.MANIFEST + " declares " + entry.getSize() + " bytes; at most "
                    + MAX_MANIFEST_BYTES + " are accepted");
        }
        byte[] bytes = readEntry(entry, entry.getSize(), Checkpoint.MANIFEST);
        if (crc(bytes) != entry.getCrc()) {
            throw corrupt(null, Checkpoint.MANIFEST + " fails its ZIP checksum (damaged file)");
        }
        JsonNode manifest;
        try {
            manifest = CheckpointWriter.JSON.readTree(bytes);
        } catch (IOException e) {
            throw corrupt(null, Checkpoint.MANIFEST + " is not valid JSON: " + e.getMessage());
        }
        if (manifest == null || !manifest.isObject()) {
            throw corrupt(null, Checkpoint.MANIFEST + " is not a JSON object");
        }
        JsonNode format = manifest.get("format");
        if (format == null || !Checkpoint.FORMAT.equals(format.asText())) {
            throw corrupt(null, "manifest format is " + format + "; expected \"" + Checkpoint.FORMAT + "\"");
        }
        JsonNode version = manifest.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw corrupt(null, "manifest has no integer 'version'");
        }
        if (version.asLong() < Checkpoint.OLDEST_READABLE_VERSION || version.asLong() > Checkpoint.VERSION) {
            throw corrupt(null, "format version " + version.asLong() + " is not supported; this minidl reads versions "
                    + Checkpoint.OLDEST_READABLE_VERSION + " to " + Checkpoint.VERSION);
        }
        JsonNode order = manifest.get("byteOrder");
        if (order == null || !"little-endian".equals(order.asText())) {
            throw corrupt(null, "manifest byteOrder is " + order + "; expected \"little-endian\"");
        }
        return manifest;
    }

    private INDArray array(ManifestEntry e) throws IOException {
        String key = e.qualifiedKey();
        DataType type = ArrayCodec.type(e.dtype());
        if (type == null) {
            throw corrupt(key, "unknown dtype '" + e.dtype() + "'; supported: " + ArrayCodec.supported());
        }
        long expected;
        try {
            expected = ArrayCodec.byteLength(e.shape(), type.width());
        } catch (ArithmeticException overflow) {
            throw corrupt(key, "shape " + Arrays.toString(e.shape()) + " overflows");
        }
        if (expected != e.byteLength()) {
            throw corrupt(key, "shape " + Arrays.toString(e.shape()) + " x " + e.dtype() + " needs " + expected
                    + " bytes but the manifest declares byteLength=" + e.byteLength());
        }
        if (expected > ArrayCodec.MAX_BYTES) {
            throw corrupt(key, "byteLength=" + expected + " exceeds the limit of " + ArrayCodec.MAX_BYTES);
        }
        ZipEntry z = zip.getEntry(e.path());
        if (z == null) {
            throw corrupt(key, "data file " + e.path() + " is missing from the archive");
        }
        if (z.getSize() != expected) {
            throw corrupt(key, "data file " + e.path() + " holds " + z.getSize() + " bytes; the manifest declares "
                    + expected);
        }
        byte[] bytes = readEntry(z, expected, key);
        long crc = crc(bytes);
        if (crc != e.crc32() || crc != z.getCrc()) {
            throw corrupt(key, String.format("checksum mismatch: data crc32=%08x, manifest says %08x, ZIP says %08x",
                    crc, e.crc32(), z.getCrc()));
        }
        return ArrayCodec.decode(type, e.shape(), bytes);
    }

    /** Reads exactly {@code length} bytes and checks that the entry holds no more. */
    private byte[] readEntry(ZipEntry entry, long length, String key) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw corrupt(key, "data ends after " + bytes.length + " of " + length + " bytes (truncated)");
            }
            if (in.read() != -1) {
                throw corrupt(key, "data is longer than the declared " + length + " bytes");
            }
            return bytes;
        } catch (ZipException | java.io.EOFException ex) {
            throw new CorruptCheckpointException(file, key, "cannot read data: " + ex.getMessage(), ex);
        }
    }

    private OptimizerState optimizerState(JsonNode o, Map<String, INDArray> buffers) throws IOException {
        JsonNode type = o.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw corrupt(null, "manifest 'optimizer' has no 'type' string");
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        JsonNode s = o.get("scalars");
        if (s == null || !s.isObject()) {
            throw corrupt(null, "manifest 'optimizer' has no 'scalars' object");
        }
        for (Map.Entry<String, JsonNode> f : s.properties()) {
            if (!f.getValue().isNumber() || !Double.isFinite(f.getValue().asDouble())) {
                throw corrupt("optimizer/" + f.getKey(), "scalar is " + f.getValue() + ", not a finite number");
            }
            scalars.put(f.getKey(), f.getValue().asDouble());
        }
        // Files written before flags had a type of their own have no 'flags': their flags are scalars 0 and 1.
        Map<String, Boolean> flags = new LinkedHashMap<>();
        JsonNode b = o.get("flags");
        if (b != null && !b.isObject()) {
            throw corrupt(null, "manifest 'optimizer' has a 'flags' that is not an object");
        }
        if (b != null) {
            for (Map.Entry<String, JsonNode> f : b.properties()) {
                if (!f.getValue().isBoolean()) {
                    throw corrupt("optimizer/" + f.getKey(), "flag is " + f.getValue() + ", not true or false");
                }
                flags.put(f.getKey(), f.getValue().asBoolean());
            }
        }
        return new OptimizerState(type.asText(), scalars, flags, buffers);
    }

    private Map<String, String> stringMap(JsonNode m) throws IOException {
        if (m == null || !m.isObject()) {
            throw corrupt(null, "manifest has no 'metadata' object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : m.properties()) {
            if (!f.getValue().isTextual()) {
                throw corrupt(null, "metadata '" + f.getKey() + "' is " + f.getValue() + ", not a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    private Instant createdAt(JsonNode manifest) throws IOException {
        JsonNode c = manifest.get("createdAt");
        try {
            return Instant.parse(c == null ? "" : c.asText());
        } catch (DateTimeParseException e) {
            throw corrupt(null, "manifest 'createdAt' is " + c + ", not an ISO-8601 instant");
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private CorruptCheckpointException corrupt(String key, String message) {
        return new CorruptCheckpointException(file, key, message, null);
    }
}
