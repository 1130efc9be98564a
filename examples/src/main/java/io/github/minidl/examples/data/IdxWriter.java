package io.github.minidl.examples.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX image and label files, gzipped when the file name ends in {@code .gz}. The file is
 * written next to its target and renamed into place, so a reader never sees half a file. Java's
 * gzip header carries no time stamp, so the same data always gives the same bytes.
 */
public final class IdxWriter {
    private static final AtomicLong COUNTER = new AtomicLong();

    private IdxWriter() {
    }

    /** Writes images with magic 0x00000803 and dimensions [count, rows, cols]. */
    public static void writeImages(Path file, IdxImages images) throws IOException {
        write(file, IdxReader.IMAGES_MAGIC,
                new int[] {images.count(), images.rows(), images.cols()}, images.pixels());
    }

    /** Writes labels with magic 0x00000801; each must lie in [0, 255]. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException(String.format(
                        "labels[%d]=%d must lie in [0, 255] to fit an unsigned byte", i, labels[i]));
            }
            bytes[i] = (byte) labels[i];
        }
        write(file, IdxReader.LABELS_MAGIC, new int[] {labels.length}, bytes);
    }

    private static void write(Path file, int magic, int[] dims, byte[] payload) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = temporarySibling(target);
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), 1 << 16);
                 OutputStream body = target.getFileName().toString().endsWith(".gz") ? smallGzip(raw) : raw;
                 DataOutputStream out = new DataOutputStream(body)) {
                out.writeInt(magic);
                for (int d : dims) {
                    out.writeInt(d);
                }
                out.write(payload);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static GZIPOutputStream smallGzip(OutputStream raw) throws IOException {
        // The shipped subset lives in the repository: trade a little time for size.
        return new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }

    /** A fresh name beside target; created with the user's default permissions, unlike a temp file. */
    static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "." + COUNTER.incrementAndGet() + ".tmp");
    }

    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
