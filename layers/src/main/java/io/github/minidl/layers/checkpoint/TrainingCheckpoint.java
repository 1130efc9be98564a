package io.github.minidl.layers.checkpoint;

import io.github.minidl.layers.Module;
import io.github.minidl.layers.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and restores a whole training run in one {@link Checkpoint} file: the model's state dict,
 * the optimiser's state, the {@link TrainingState} and the modules' {@linkplain Module#extraState()
 * extra state} (such as the dropout layers' mask counters, see {@link ExtraStateMetadata}).
 *
 * <p>Exact resume: build the model and optimiser as the original run did (same code, same seed),
 * call {@link #restore}, seek the loader to {@link TrainingState#loaderPosition()} and set the
 * scheduler's epoch; with the same {@link io.github.minidl.core.kernels.Threads} count the run then
 * continues bit for bit as if never interrupted.
 */
public final class TrainingCheckpoint {
    private TrainingCheckpoint() {
    }

    /** Writes model, optimiser and run state to {@code file} atomically. */
    public static void save(Path file, Module model, Optimizer optimizer, TrainingState state) throws IOException {
        require(file, model, optimizer);
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        Map<String, String> meta = new LinkedHashMap<>(state.toMetadata());
        meta.putAll(ExtraStateMetadata.of(model));
        Checkpoint.save(file, CheckpointContent.of(model.stateDict()).withOptimizer(optimizer.state())
                .withMetadata(meta));
    }

    /**
     * Loads {@code file} into {@code model} (strict keys, extra state included) and
     * {@code optimizer}, and returns the run state. Everything is checked before anything is
     * changed: when this throws, model and optimiser are as they were.
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
        Runnable extraState = ExtraStateMetadata.prepare(model, c.metadata());
        // loadState checks the whole state before it changes anything, and the model's dict and
        // extra state fit: from here on nothing is left to refuse.
        optimizer.loadState(saved);
        model.loadStateDict(c.model(), KeyMatching.STRICT);
        extraState.run();
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
