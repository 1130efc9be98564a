package io.github.minidl.layers.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a checkpoint through {@link AtomicFiles}: a temporary file, fsync and an atomic rename. */
final class CheckpointWriter {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointWriter() {
    }

    static void write(Path file, CheckpointContent content, UnaryOperator<OutputStream> wrap) throws IOException {
        checkArrays(content);
        Instant createdAt = Instant.now();
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            writeArchive(zip, content, createdAt);
            zip.finish();
        }, wrap);
        log.debug("saved checkpoint {} ({} model arrays)", file, content.model().size());
    }

    /** Rejects what the format cannot hold before any file is created. */
    private static void checkArrays(CheckpointContent content) {
        check(Checkpoint.MODEL_SECTION, content.model());
        content.optimizer().ifPresent(o -> check(Checkpoint.OPTIMIZER_SECTION, o.buffers()));
    }

    private static void check(String section, Map<String, INDArray> arrays) {
        arrays.forEach((key, a) -> {
            if (ArrayCodec.name(a.dataType()) == null) {
                throw new IllegalArgumentException("array '" + section + "/" + key + "' has dtype " + a.dataType()
                        + "; a checkpoint holds " + ArrayCodec.supported());
            }
            long bytes = a.length() * a.dataType().width();
            if (bytes > ArrayCodec.MAX_BYTES) {
                throw new IllegalArgumentException("array '" + section + "/" + key + "' " + Arrays.toString(a.shape())
                        + " has " + bytes + " bytes; an entry holds at most " + ArrayCodec.MAX_BYTES);
            }
        });
    }

    private static void writeArchive(ZipOutputStream zip, CheckpointContent content, Instant createdAt)
            throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        writeSection(zip, Checkpoint.MODEL_SECTION, content.model(), entries, createdAt);
        if (content.optimizer().isPresent()) {
            writeSection(zip, Checkpoint.OPTIMIZER_SECTION, content.optimizer().get().buffers(), entries, createdAt);
        }
        ObjectNode manifest = CheckpointWriter.JSON.createObjectNode();
        manifest.put("format", Checkpoint.FORMAT);
        manifest.put("version", Checkpoint.VERSION);
        manifest.put("createdAt", createdAt.toString());
        manifest.put("byteOrder", "little-endian");
        ObjectNode metadata = manifest.putObject("metadata");
        content.metadata().forEach(metadata::put);
        content.optimizer().ifPresent(o -> {
            ObjectNode opt = manifest.putObject("optimizer");
            opt.put("type", o.type());
            ObjectNode scalars = opt.putObject("scalars");
            o.scalars().forEach(scalars::put);
            ObjectNode flags = opt.putObject("flags");
            o.flags().forEach(flags::put);
        });
        ArrayNode list = manifest.putArray("entries");
        entries.forEach(e -> list.add(e.toJson()));
        // The manifest goes last: its checksums are known only once every array is written.
        putStored(zip, Checkpoint.MANIFEST, JSON.writeValueAsBytes(manifest), createdAt);
    }

    private static void writeSection(ZipOutputStream zip, String section, Map<String, INDArray> arrays,
                                     List<ManifestEntry> entries, Instant createdAt) throws IOException {
        int i = 0;
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray a = e.getValue();
            byte[] bytes = ArrayCodec.encode(a);
            String path = String.format("%s/%06d.bin", section, i++);
            long crc = putStored(zip, path, bytes, createdAt);
            entries.add(new ManifestEntry(section, e.getKey(), path, ArrayCodec.name(a.dataType()), a.shape(),
                    bytes.length, crc));
        }
    }

    /** Stores {@code bytes} uncompressed (float data barely compresses) and returns their CRC-32. */
    private static long putStored(ZipOutputStream zip, String name, byte[] bytes, Instant time) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        entry.setTime(time.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
        return crc.getValue();
    }
}
