package io.github.minidl.layers.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads named arrays as a {@code .safetensors} file, the format PyTorch users exchange
 * weights in; see the {@linkplain io.github.minidl.layers.safetensors package documentation}.
 * {@link io.github.minidl.layers.Module#saveSafetensors} and
 * {@link io.github.minidl.layers.Module#loadSafetensors} apply it to a model's state dict.
 */
public final class Safetensors {
    /** The header key of the free string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /**
     * The metadata minidl writes with a state dict: tensors named and laid out as PyTorch's
     * {@code state_dict()}, which loaders such as Hugging Face's check before loading.
     */
    public static final Map<String, String> PYTORCH_METADATA = Map.of("format", "pt");

    private Safetensors() {
    }

    /**
     * Writes {@code tensors} to {@code file} atomically (a temporary file renamed over the target),
     * laid out as the format's reference writer does: data ordered by dtype width (widest first)
     * then name, header padded with spaces to a multiple of 8 bytes.
     *
     * @param metadata written as the header's {@code __metadata__}; nothing when empty
     * @throws IllegalArgumentException for a dtype the format lacks or an array over 2 GiB; nothing is written then
     * @throws IOException when writing fails; the target is then left as it was
     */
    public static void save(Path file, Map<String, INDArray> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        SafetensorsWriter.write(file, tensors, metadata);
    }

    /**
     * Reads and verifies a {@code .safetensors} file, e.g. one written by
     * {@code safetensors.torch.save_file(model.state_dict(), path)}.
     *
     * @throws CorruptSafetensorsException when the file is not a complete, consistent {@code .safetensors} file
     * @throws IOException when the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static SafetensorsContent load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return SafetensorsReader.read(file);
    }

    /**
     * {@code loaded} with each array converted to the dtype of the array of the same name in
     * {@code model} where PyTorch's {@code load_state_dict} (which copies with conversion) would
     * convert it too and the kind of number stays: floating point to floating point (float64 to
     * float32 rounds to nearest) and integer to integer. Everything else is returned as it is, so
     * that a float/integer clash, like a shape clash or a missing key, is reported by
     * {@link io.github.minidl.layers.checkpoint.StateDicts}.
     */
    public static Map<String, INDArray> convertLike(Map<String, INDArray> model, Map<String, INDArray> loaded) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        loaded.forEach((key, got) -> {
            INDArray want = model.get(key);
            out.put(key, want != null && convertible(got.dataType(), want.dataType())
                    ? got.castTo(want.dataType()) : got);
        });
        return out;
    }

    private static boolean convertible(DataType from, DataType to) {
        return from != to && (from.isFPType() && to.isFPType() || from.isIntType() && to.isIntType());
    }
}
