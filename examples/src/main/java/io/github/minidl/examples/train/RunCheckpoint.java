package io.github.minidl.examples.train;

import static io.github.minidl.layers.checkpoint.MetadataValues.finiteDouble;
import static io.github.minidl.layers.checkpoint.MetadataValues.finiteDoubles;
import static io.github.minidl.layers.checkpoint.MetadataValues.intValue;
import static io.github.minidl.layers.checkpoint.MetadataValues.required;

import io.github.minidl.core.kernels.Threads;
import io.github.minidl.layers.EnumNames;
import io.github.minidl.layers.checkpoint.Checkpoint;
import io.github.minidl.layers.checkpoint.CheckpointContent;
import io.github.minidl.layers.checkpoint.ExtraStateMetadata;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.checkpoint.TrainingState;
import io.github.minidl.layers.data.TensorDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole training run in one checkpoint file (see {@link Checkpoint} for the format and its
 * atomic write): model and optimiser state, the {@link TrainingState} (loader position, scheduler
 * epoch, step, seed), the modules' extra state (the dropout layers' mask counters, see
 * {@link ExtraStateMetadata}), the run's settings ({@code run.*}), its
 * {@link History} and the sums of an unfinished epoch.
 * <p>Exact resume holds under the same thread count: {@link #resume} rebuilds the run from the
 * stored settings and continues bit for bit where the saved run stood.
 */
public final class RunCheckpoint {
    static final String MODEL = "run.model";
    static final String OPTIMIZER = "run.optimizer";
    static final String LEARNING_RATE = "run.lr";
    static final String BATCH_SIZE = "run.batchSize";
    static final String EPOCHS = "run.epochs";
    static final String WARMUP_EPOCHS = "run.warmupEpochs";
    static final String TRAIN_SIZE = "run.trainSize";
    static final String THREADS = "run.threads";
    static final String DATA = "run.data";
    private static final String PARTIAL = "epoch.partial";

    private RunCheckpoint() {
    }

    /**
     * Writes {@code run} to {@code file} atomically (the previous file stays intact until the new
     * one is complete); creates the directory when needed.
     *
     * @param data a description of the training data, checked on resume
     */
    public static void save(Path file, TrainingRun run, String data) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        TrainConfig c = run.config();
        Map<String, String> meta = new LinkedHashMap<>(run.state().toMetadata());
        meta.put(MODEL, c.model().cliName());
        meta.put(OPTIMIZER, c.optimizer().cliName());
        meta.put(LEARNING_RATE, Double.toString(c.learningRate()));
        meta.put(BATCH_SIZE, Integer.toString(c.batchSize()));
        meta.put(EPOCHS, Integer.toString(c.epochs()));
        meta.put(WARMUP_EPOCHS, Integer.toString(c.warmupEpochs()));
        meta.put(TRAIN_SIZE, Integer.toString(run.trainSize()));
        meta.put(THREADS, Integer.toString(Threads.count()));
        meta.put(DATA, data);
        meta.putAll(run.history().toMetadata());
        double[] partial = run.partialEpoch();
        meta.put(PARTIAL, String.format(Locale.ROOT, "%s,%s,%s,%s", partial[0], partial[1], partial[2], partial[3]));
        meta.putAll(ExtraStateMetadata.of(run.model()));
        Checkpoint.save(file, CheckpointContent.of(run.model().stateDict())
                .withOptimizer(run.optimizer().state()).withMetadata(meta));
    }

    /** What a checkpoint says about the run that wrote it. */
    public record Saved(TrainConfig config, TrainingState state, int trainSize, int threads, String data,
                        CheckpointContent content) {
    }

    /**
     * Reads and verifies {@code file} and the settings stored in it.
     *
     * @throws IllegalArgumentException when the file is not a checkpoint of {@code train} or its metadata is
     *     malformed (naming the key); nothing is built before everything is checked
     */
    public static Saved read(Path file) throws IOException {
        CheckpointContent content = Checkpoint.load(file);
        Map<String, String> m = content.metadata();
        try {
            TrainingState state = TrainingState.fromMetadata(m);
            TrainConfig config = new TrainConfig(kind(m, MODEL, ModelKind.class), kind(m, OPTIMIZER, OptimizerKind.class),
                    intValue(m, EPOCHS), intValue(m, BATCH_SIZE), finiteDouble(m, LEARNING_RATE), state.seed(), 0,
                    m.containsKey(WARMUP_EPOCHS) ? intValue(m, WARMUP_EPOCHS) : 0);
            // Checked here, before anything is built, so a bad file changes nothing.
            History.fromMetadata(m);
            partial(m);
            return new Saved(config, state, intValue(m, TRAIN_SIZE), intValue(m, THREADS), m.getOrDefault(DATA, "?"),
                    content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " cannot resume 'minidl train': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds a run from {@code saved} with {@code config} (the saved settings, possibly with
     * other epochs or step limit) and continues where it stood.
     *
     * @throws IllegalArgumentException when the data set size differs from the saved run's
     */
    public static TrainingRun resume(Saved saved, TrainConfig config, TensorDataset train, TensorDataset test) {
        if (train.size() != saved.trainSize()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the checkpoint was trained on %d images (%s) but this run has %d; use the same --data and --limit",
                    saved.trainSize(), saved.data(), train.size()));
        }
        TrainingRun run = TrainingRun.start(config, train, test);
        CheckpointContent c = saved.content();
        Runnable extraState = ExtraStateMetadata.prepare(run.model(), c.metadata());
        run.model().loadStateDict(c.model(), KeyMatching.STRICT);
        run.optimizer().loadState(c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint holds no optimizer state; it cannot resume training")));
        extraState.run();
        run.restore(saved.state(), History.fromMetadata(c.metadata()), partial(c.metadata()));
        return run;
    }

    /** The sums of the unfinished epoch: loss sum, correct, seen, seconds; finite and non-negative counts. */
    private static double[] partial(Map<String, String> m) {
        if (!m.containsKey(PARTIAL)) {
            return new double[4];
        }
        double[] v = finiteDoubles(m, PARTIAL);
        if (v.length != 4) {
            throw new IllegalArgumentException("metadata '" + PARTIAL + "'=" + m.get(PARTIAL)
                    + " must hold 4 numbers (loss sum, correct, seen, seconds)");
        }
        for (int i = 1; i < 4; i++) {
            if (v[i] < 0 || (i < 3 && v[i] != Math.rint(v[i]))) {
                throw new IllegalArgumentException("metadata '" + PARTIAL + "'=" + m.get(PARTIAL)
                        + ": correct and seen must be whole numbers, and every count non-negative");
            }
        }
        return v;
    }

    private static <E extends Enum<E>> E kind(Map<String, String> m, String key, Class<E> type) {
        String v = required(m, key);
        E kind = EnumNames.ignoringCase(type, v);
        if (kind == null) {
            throw new IllegalArgumentException("metadata '" + key + "'=" + v + " is not a known "
                    + type.getSimpleName().replace("Kind", "").toLowerCase(Locale.ROOT));
        }
        return kind;
    }
}
