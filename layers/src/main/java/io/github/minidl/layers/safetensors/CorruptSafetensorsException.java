package io.github.minidl.layers.safetensors;

import io.github.minidl.layers.checkpoint.CorruptCheckpointException;
import java.nio.file.Path;

/**
 * A {@code .safetensors} file that cannot be trusted: a header length beyond the file, a header
 * that is not UTF-8 JSON of the expected shape, an unsupported dtype, a shape whose size overflows
 * or disagrees with its byte range, or byte ranges that overlap, leave gaps or do not end where
 * the file ends. The message names the file and, where one is to blame, the tensor.
 */
public class CorruptSafetensorsException extends CorruptCheckpointException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file read
     * @param tensor the tensor to blame, or null when the file as a whole is at fault
     * @param message what is wrong
     * @param cause the underlying error, or null
     */
    public CorruptSafetensorsException(Path file, String tensor, String message, Throwable cause) {
        super(file, tensor, message, cause);
    }
}
