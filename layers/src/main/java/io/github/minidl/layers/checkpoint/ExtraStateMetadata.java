package io.github.minidl.layers.checkpoint;

import io.github.minidl.layers.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@linkplain Module#extraState() extra state} of a model's modules as checkpoint metadata:
 * entry {@code extra_state.<module>.<key>} ({@code extra_state.<key>} for the model itself), e.g.
 * {@code extra_state.features.3.calls} for a {@link io.github.minidl.layers.Dropout} at
 * {@code features.3}. Files written before this layout kept the same entries under
 * {@code dropout.} instead of {@code extra_state.}; they are read as well.
 */
public final class ExtraStateMetadata {
    private static final String PREFIX = "extra_state.";
    private static final String LEGACY_PREFIX = "dropout.";

    private ExtraStateMetadata() {
    }

    /** Every module's extra state as metadata entries, in the order of {@link Module#namedModules()}. */
    public static Map<String, String> of(Module model) {
        Map<String, String> out = new LinkedHashMap<>();
        model.namedModules().forEach((name, m) -> m.extraState().forEach((key, value) -> {
            if (key.isEmpty() || key.contains(".") || value == null) {
                throw new IllegalStateException(m.getClass().getSimpleName() + ".extraState() has key '" + key
                        + "' with value " + value + "; keys must be non-empty without dots, values non-null");
            }
            out.put(PREFIX + (name.isEmpty() ? "" : name + ".") + key, value);
        }));
        return out;
    }

    /**
     * Checks the extra state in {@code metadata} against every module of {@code model} and returns
     * the action that installs it; nothing changes until it runs.
     *
     * @throws IllegalArgumentException naming the module, key and value at fault, or the modules
     *     the model lacks
     */
    public static Runnable prepare(Module model, Map<String, String> metadata) {
        Map<String, Map<String, String>> byModule = byModule(metadata);
        List<Runnable> installs = new ArrayList<>();
        model.namedModules().forEach((name, m) -> {
            try {
                installs.add(m.prepareExtraState(byModule.getOrDefault(name, Map.of())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("extra state of module '" + name + "' ("
                        + m.getClass().getSimpleName() + "): " + e.getMessage(), e);
            }
        });
        byModule.keySet().removeAll(model.namedModules().keySet());
        if (!byModule.isEmpty()) {
            throw new IllegalArgumentException("metadata holds extra state of modules the model lacks: "
                    + byModule.keySet());
        }
        return () -> installs.forEach(Runnable::run);
    }

    /** The entries under either prefix, by module name then key; the current prefix wins over the legacy one. */
    private static Map<String, Map<String, String>> byModule(Map<String, String> metadata) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String prefix : List.of(LEGACY_PREFIX, PREFIX)) {
            metadata.forEach((entry, value) -> {
                if (entry.startsWith(prefix)) {
                    String path = entry.substring(prefix.length());
                    int dot = path.lastIndexOf('.');
                    out.computeIfAbsent(dot < 0 ? "" : path.substring(0, dot), k -> new LinkedHashMap<>())
                            .put(path.substring(dot + 1), value);
                }
            });
        }
        return out;
    }
}
