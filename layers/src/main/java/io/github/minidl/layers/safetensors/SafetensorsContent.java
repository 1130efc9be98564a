package io.github.minidl.layers.safetensors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@code .safetensors} file holds.
 *
 * @param tensors arrays by name, in the order of their data in the file
 * @param metadata the header's {@code __metadata__} (string to string; empty when absent)
 */
public record SafetensorsContent(Map<String, INDArray> tensors, Map<String, String> metadata) {
    /** Keeps unmodifiable views in the given order. */
    public SafetensorsContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
