package io.github.minidl.layers.checkpoint;

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
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file so that it is always either the previous complete file or the new complete one:
 * a temporary file ({@code .<name>.<random>.tmp}) in the target's directory, forced to disk,
 * renamed over the target with {@code ATOMIC_MOVE} (a plain replace where the file system cannot)
 * and the directory synced. A failed write deletes the temporary file and leaves the target as it was.
 */
public final class AtomicFiles {
    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The content of a file, written to the stream it is given (which it must not close). */
    @FunctionalInterface
    public interface FileContent {
        /** Writes everything; the stream is flushed and forced to disk afterwards. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code body} to {@code file} atomically, replacing any existing file.
     *
     * @param file the target; its directory must exist and be writable
     * @throws IOException when writing fails; the target is then left as it was
     */
    public static void write(Path file, FileContent body) throws IOException {
        write(file, body, UnaryOperator.identity());
    }

    /** As {@link #write(Path, FileContent)}, every byte going through {@code wrap} (for fault injection in tests). */
    static void write(Path file, FileContent body, UnaryOperator<OutputStream> wrap) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        // Not Files.createTempFile: its owner-only permissions would pass on to the target.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean moved = false;
        try {
            try (channel) {
                OutputStream out = new BufferedOutputStream(wrap.apply(Channels.newOutputStream(channel)), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(tmp, target);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
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
