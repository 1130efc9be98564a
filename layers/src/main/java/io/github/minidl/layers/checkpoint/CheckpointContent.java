package io.github.minidl.layers.checkpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a checkpoint holds: a model's state dict (named arrays, in order), optionally an
 * optimiser's state, and free string metadata (epoch, step, seed, loader position, …).
 * Immutable; the {@code with…} methods return modified copies. The arrays are not copied: do not
 * modify them while saving.
 *
 * <pre>{@code
 * Checkpoint.save(path, CheckpointContent.of(model.stateDict())
 *         .withOptimizer(optimizer.state())
 *         .withMetadata(Map.of("epoch", "3", "seed", "42")));
 * }</pre>
 */
public final class CheckpointContent {
    private final Map<String, INDArray> model;
    private final OptimizerState optimizer;
    private final Map<String, String> metadata;
    private final Instant createdAt;

    private CheckpointContent(Map<String, INDArray> model, OptimizerState optimizer,
                              Map<String, String> metadata, Instant createdAt) {
        this.model = OptimizerState.copy(model, "model");
        this.optimizer = optimizer;
        this.metadata = OptimizerState.copy(metadata, "metadata");
        this.createdAt = createdAt;
    }

    /** A model state dict alone, e.g. {@code features.0.weight → [8, 1, 3, 3]}; order is kept. */
    public static CheckpointContent of(Map<String, INDArray> model) {
        return new CheckpointContent(model, null, Map.of(), null);
    }

    /** A copy with the optimiser's state. */
    public CheckpointContent withOptimizer(OptimizerState state) {
        return new CheckpointContent(model, Objects.requireNonNull(state, "state"), metadata, createdAt);
    }

    /** A copy whose metadata also holds {@code entries} (replacing equal keys). */
    public CheckpointContent withMetadata(Map<String, String> entries) {
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        merged.putAll(OptimizerState.copy(entries, "metadata"));
        return new CheckpointContent(model, optimizer, merged, createdAt);
    }

    /** A copy whose metadata also holds {@code key → value}. */
    public CheckpointContent withMetadata(String key, String value) {
        return withMetadata(Map.of(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
    }

    CheckpointContent withCreatedAt(Instant instant) {
        return new CheckpointContent(model, optimizer, metadata, instant);
    }

    /** The model's state dict, unmodifiable, in insertion order. */
    public Map<String, INDArray> model() {
        return model;
    }

    /** The optimiser's state, if any. */
    public Optional<OptimizerState> optimizer() {
        return Optional.ofNullable(optimizer);
    }

    /** The metadata, unmodifiable, in insertion order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** When the file was written: set on content returned by {@link Checkpoint#load}, empty before saving. */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    @Override
    public String toString() {
        return "CheckpointContent(model=" + model.keySet() + ", optimizer="
                + (optimizer == null ? "none" : optimizer.type()) + ", metadata=" + metadata + ")";
    }
}
