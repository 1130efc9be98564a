package io.github.minidl.layers.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser's state as a checkpoint stores it: its type, its scalar hyper-state (learning
 * rate, step count, betas, …) and its per-parameter buffers (momentum, first and second moments,
 * …) under keys of the optimiser's choosing, e.g. {@code "0.exp_avg"}.
 *
 * @param type the optimiser's name, e.g. {@code "Adam"}, checked by the optimiser on load
 * @param scalars finite numbers, in insertion order; integers up to 2^53 are exact
 * @param buffers arrays in insertion order
 */
public record OptimizerState(String type, Map<String, Double> scalars, Map<String, INDArray> buffers) {
    /** Checks for nulls and non-finite scalars; keeps unmodifiable, order-preserving copies. */
    public OptimizerState {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("optimizer type must not be empty");
        }
        scalars = copy(scalars, "scalars");
        buffers = copy(buffers, "buffers");
        scalars.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("optimizer scalar '" + k + "'=" + v + " must be finite");
            }
        });
    }

    static <V> Map<String, V> copy(Map<String, V> map, String what) {
        Objects.requireNonNull(map, what);
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || k.isEmpty()) {
                throw new IllegalArgumentException(what + " has a null or empty key");
            }
            out.put(k, Objects.requireNonNull(v, () -> what + " '" + k + "' is null"));
        });
        return Collections.unmodifiableMap(out);
    }
}
