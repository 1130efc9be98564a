package io.github.minidl.layers.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be trusted: not a ZIP archive, truncated, a checksum or length
 * that does not match, a missing or malformed manifest, an unknown format or version, or an array
 * whose shape, dtype and byte length disagree. The message names the file and, where one is to
 * blame, the array's key; nothing of such a file is ever returned.
 */
public class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String key;

    /**
     * @param file the checkpoint read
     * @param key the array to blame, or null when the file as a whole is at fault
     * @param message what is wrong
     * @param cause the underlying error, or null
     */
    public CorruptCheckpointException(Path file, String key, String message, Throwable cause) {
        super(file + (key == null ? "" : ": entry '" + key + "'") + ": " + message, cause);
        this.file = file;
        this.key = key;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    /** The key (as {@code section/key}, e.g. {@code model/fc.weight}) of the faulty array, or null. */
    public String key() {
        return key;
    }
}
