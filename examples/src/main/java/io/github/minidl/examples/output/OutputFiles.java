package io.github.minidl.examples.output;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks output places before a run starts (so a bad path fails at once, not after the training)
 * and writes files atomically: to a temporary file beside the target, then renamed over it, so a
 * failure never leaves a half-written file.
 */
public final class OutputFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    private OutputFiles() {
    }

    /** Writes the content of a file at the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    /**
     * Creates {@code dir} (and its parents) when needed and proves it writable by creating and
     * deleting a file in it.
     *
     * @param option the command-line option that named it, e.g. "--out"
     * @throws IllegalArgumentException naming the option, the path and what is wrong
     */
    public static Path requireWritableDirectory(String option, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException(option + "=" + dir + ": " + (p.equals(abs) ? "it" : p)
                        + " is a file; it must be a directory");
            }
        }
        try {
            Files.createDirectories(abs);
            Files.delete(Files.createTempFile(abs, ".minidl-probe", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + "=" + dir + ": cannot write there ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return dir;
    }

    /**
     * Checks that {@code file} can be written: not a directory, its directory writable (created
     * when needed), and the file itself writable when it exists.
     *
     * @throws IllegalArgumentException naming the option, the path and what is wrong
     */
    public static Path requireWritableFile(String option, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + "=" + file + " is a directory; it must name a file");
        }
        Path parent = abs.getParent();
        if (parent != null) {
            requireWritableDirectory(option, parent);
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new IllegalArgumentException(option + "=" + file + " exists and is not writable");
        }
        return file;
    }

    /**
     * Writes {@code file} through {@code writer} into a temporary file beside it, then renames it
     * over the target; on failure the target is untouched and the temporary file removed.
     *
     * @throws IOException saying which file could not be written and why
     */
    public static Path writeAtomically(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would stick to the result.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "." + COUNTER.incrementAndGet() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
