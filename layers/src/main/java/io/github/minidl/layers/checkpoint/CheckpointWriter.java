package io.github.minidl.layers.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

/** Writes a checkpoint through a temporary file, fsync and an atomic rename. */
final class CheckpointWriter {
    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointWriter() {
    }

    static void write(Path file, CheckpointContent content, UnaryOperator<OutputStream> wrap) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        checkArrays(content);
        Instant createdAt = Instant.now();
        // Not Files.createTempFile: its owner-only permissions would pass on to the checkpoint.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean moved = false;
        try {
            try (channel) {
                OutputStream raw = wrap.apply(Channels.newOutputStream(channel));
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 16));
                writeArchive(zip, content, createdAt);
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            move(tmp, target);
            moved = true;
            syncDirectory(dir);
            log.debug("saved checkpoint {} ({} model arrays)", target, content.model().size());
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
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

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            log.warn("atomic rename not supported for {}; replacing it non-atomically", target);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}
