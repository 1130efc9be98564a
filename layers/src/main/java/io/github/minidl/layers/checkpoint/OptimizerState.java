package io.github.minidl.layers.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser's state as a checkpoint stores it: its type, its numeric hyper-state (learning
 * rate, step count, betas, …), its switches (amsgrad, nesterov, maximize, …) and its
 * per-parameter buffers (momentum, first and second moments, …) under keys of the optimiser's
 * choosing, e.g. {@code "0.exp_avg"}.
 *
 * @param type the optimiser's name, e.g. {@code "Adam"}, checked by the optimiser on load
 * @param scalars finite numbers, in insertion order; integers up to 2^53 are exact
 * @param flags booleans, in insertion order; read them with {@link #flag}
 * @param buffers arrays in insertion order
 */
public record OptimizerState(String type, Map<String, Double> scalars, Map<String, Boolean> flags,
                             Map<String, INDArray> buffers) {
    /** Checks for nulls and non-finite scalars; keeps unmodifiable, order-preserving copies. */
    public OptimizerState {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("optimizer type must not be empty");
        }
        scalars = copy(scalars, "scalars");
        flags = copy(flags, "flags");
        buffers = copy(buffers, "buffers");
        scalars.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("optimizer scalar '" + k + "'=" + v + " must be finite");
            }
        });
        for (String k : flags.keySet()) {
            if (scalars.containsKey(k)) {
                throw new IllegalArgumentException("optimizer key '" + k + "' is both a scalar and a flag");
            }
        }
    }

    /** A state without flags. */
    public OptimizerState(String type, Map<String, Double> scalars, Map<String, INDArray> buffers) {
        this(type, scalars, Map.of(), buffers);
    }

    /** This state with other buffers (e.g. cast to another dtype). */
    public OptimizerState withBuffers(Map<String, INDArray> newBuffers) {
        return new OptimizerState(type, scalars, flags, newBuffers);
    }

    /**
     * The flag {@code key}, or empty when the state has none. States written before flags had a
     * type of their own kept them as scalars 0 and 1; such a scalar is read as the flag.
     *
     * @throws IllegalArgumentException when the key is an old-style scalar other than 0 or 1
     */
    public Optional<Boolean> flag(String key) {
        Boolean typed = flags.get(key);
        if (typed != null) {
            return Optional.of(typed);
        }
        Double legacy = scalars.get(key);
        if (legacy == null) {
            return Optional.empty();
        }
        if (legacy != 0 && legacy != 1) {
            throw new IllegalArgumentException("optimizer scalar '" + key + "'=" + legacy
                    + " must be 0 or 1: it is the flag '" + key + "' of a state saved before flags were typed");
        }
        return Optional.of(legacy == 1);
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
