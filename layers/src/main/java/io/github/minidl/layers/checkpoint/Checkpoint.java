package io.github.minidl.layers.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Saves and loads {@link CheckpointContent} as one file in the format described in the
 * {@linkplain io.github.minidl.layers.checkpoint package documentation}.
 *
 * <p>{@link #save} writes a temporary file in the target's directory, forces it to disk and renames
 * it over the target atomically, so the target is always either the previous complete file or the
 * new complete file. {@link #load} verifies everything it reads and throws
 * {@link CorruptCheckpointException} naming the file and the faulty key instead of returning
 * anything doubtful.
 */
public final class Checkpoint {
    /** The {@code format} field of every manifest. */
    public static final String FORMAT = "minidl-checkpoint";
    /**
     * The format version this code writes: 2 stores an optimizer's flags in a {@code flags}
     * object, which a reader of version 1 would skip and resume with the flags' defaults.
     */
    public static final int VERSION = 2;
    /** The oldest format version this code reads (version 1 kept flags as scalars 0 and 1). */
    public static final int OLDEST_READABLE_VERSION = 1;
    /** The name of the manifest entry. */
    public static final String MANIFEST = "manifest.json";
    /** The section name of the model's state dict. */
    public static final String MODEL_SECTION = "model";
    /** The section name of the optimiser's buffers. */
    public static final String OPTIMIZER_SECTION = "optimizer";

    private Checkpoint() {
    }

    /**
     * Writes {@code content} to {@code file} atomically, replacing any existing file.
     *
     * @param file the target; its directory must exist and be writable
     * @throws IllegalArgumentException for an array whose dtype the format lacks or that exceeds 2 GiB;
     *     nothing is written then
     * @throws IOException when writing fails; the target is then left as it was
     */
    public static void save(Path file, CheckpointContent content) throws IOException {
        CheckpointWriter.write(file, content, UnaryOperator.identity());
    }

    /** As {@link #save(Path, CheckpointContent)}, every byte going through {@code wrap} (for fault injection). */
    static void save(Path file, CheckpointContent content, UnaryOperator<OutputStream> wrap) throws IOException {
        CheckpointWriter.write(file, content, wrap);
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @return the content, with {@link CheckpointContent#createdAt()} set
     * @throws CorruptCheckpointException when the file is not a complete, consistent checkpoint of
     *     a version this code reads
     * @throws IOException when the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static CheckpointContent load(Path file) throws IOException {
        return CheckpointReader.read(file);
    }
}
