package io.github.minidl.layers.training;

import io.github.minidl.layers.Dropout;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.checkpoint.Checkpoint;
import io.github.minidl.layers.checkpoint.CheckpointContent;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.checkpoint.MetadataValues;
import io.github.minidl.layers.checkpoint.OptimizerState;
import io.github.minidl.layers.checkpoint.StateDicts;
import io.github.minidl.layers.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and restores a whole training run in one checkpoint file: the model's state dict, the
 * optimiser's state, the {@link TrainingState} and the dropout layers' mask counters.
 *
 * <p>Exact resume: build the model and optimiser as the original run did (same code, same seed),
 * call {@link #restore}, seek the loader to {@link TrainingState#loaderPosition()} and set the
 * scheduler's epoch; with the same {@link io.github.minidl.core.kernels.Threads} count the run then
 * continues bit for bit as if never interrupted.
 */
public final class Checkpoints {
    private static final String DROPOUT_PREFIX = "dropout.";
    private static final String CALLS_SUFFIX = ".calls";

    private Checkpoints() {
    }

    /** Writes model, optimiser and run state to {@code file} atomically. */
    public static void save(Path file, Module model, Optimizer optimizer, TrainingState state) throws IOException {
        require(file, model, optimizer);
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        Map<String, String> meta = new LinkedHashMap<>(state.toMetadata());
        model.namedModules().forEach((name, m) -> {
            if (m instanceof Dropout d) {
                meta.put(DROPOUT_PREFIX + name + CALLS_SUFFIX, Long.toString(d.calls()));
            }
        });
        Checkpoint.save(file, CheckpointContent.of(model.stateDict()).withOptimizer(optimizer.state())
                .withMetadata(meta));
    }

    /**
     * Loads {@code file} into {@code model} (strict keys) and {@code optimizer}, restores the
     * dropout counters, and returns the run state. Everything is checked before anything is
     * changed: when this throws, model, optimiser and dropout counters are as they were.
     *
     * @throws IllegalArgumentException when the file lacks optimiser state or does not fit the model
     *     or the optimiser, or its metadata is malformed (naming the key)
     * @throws IOException when the file cannot be read or is corrupt
     */
    public static TrainingState restore(Path file, Module model, Optimizer optimizer) throws IOException {
        require(file, model, optimizer);
        CheckpointContent c = Checkpoint.load(file);
        TrainingState state = TrainingState.fromMetadata(c.metadata());
        StateDicts.requireCompatible(model.stateDict(), c.model(), KeyMatching.STRICT);
        OptimizerState saved = c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "checkpoint " + file + " holds no optimizer state; it cannot resume training"));
        Map<Dropout, Long> calls = new LinkedHashMap<>();
        model.namedModules().forEach((name, m) -> {
            if (m instanceof Dropout d) {
                String key = DROPOUT_PREFIX + name + CALLS_SUFFIX;
                calls.put(d, c.metadata().containsKey(key) ? MetadataValues.longValue(c.metadata(), key) : 0L);
            }
        });
        // loadState checks the whole state before it changes anything, and the model's dict fits:
        // from here on nothing is left to refuse.
        optimizer.loadState(saved);
        model.loadStateDict(c.model(), KeyMatching.STRICT);
        calls.forEach(Dropout::seek);
        return state;
    }

    private static void require(Path file, Module model, Optimizer optimizer) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null");
        }
    }
}
