package io.github.minidl.examples.train;

import io.github.minidl.core.Threads;
import io.github.minidl.layers.Dropout;
import io.github.minidl.layers.checkpoint.Checkpoint;
import io.github.minidl.layers.checkpoint.CheckpointContent;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.data.TensorDataset;
import io.github.minidl.layers.training.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole training run in one checkpoint file (see {@link Checkpoint} for the format and its
 * atomic write): model and optimiser state, the {@link TrainingState} (loader position, scheduler
 * epoch, step, seed), the dropout layers' mask counters, the run's settings ({@code run.*}), its
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
    private static final String DROPOUT_PREFIX = "dropout.";
    private static final String CALLS_SUFFIX = ".calls";

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
        run.model().namedModules().forEach((name, m) -> {
            if (m instanceof Dropout d) {
                meta.put(DROPOUT_PREFIX + name + CALLS_SUFFIX, Long.toString(d.calls()));
            }
        });
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
     * @throws IllegalArgumentException when the file is not a checkpoint of {@code train}
     */
    public static Saved read(Path file) throws IOException {
        CheckpointContent content = Checkpoint.load(file);
        Map<String, String> m = content.metadata();
        try {
            TrainingState state = TrainingState.fromMetadata(m);
            TrainConfig config = new TrainConfig(
                    ModelKind.valueOf(required(m, MODEL).toUpperCase(Locale.ROOT)),
                    OptimizerKind.valueOf(required(m, OPTIMIZER).toUpperCase(Locale.ROOT)),
                    Integer.parseInt(required(m, EPOCHS)), Integer.parseInt(required(m, BATCH_SIZE)),
                    Double.parseDouble(required(m, LEARNING_RATE)), state.seed(), 0,
                    Integer.parseInt(m.getOrDefault(WARMUP_EPOCHS, "0")));
            return new Saved(config, state, Integer.parseInt(required(m, TRAIN_SIZE)),
                    Integer.parseInt(required(m, THREADS)), m.getOrDefault(DATA, "?"), content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is not a checkpoint of 'minidl train': "
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
        run.model().loadStateDict(c.model(), KeyMatching.STRICT);
        run.optimizer().loadState(c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint holds no optimizer state; it cannot resume training")));
        run.model().namedModules().forEach((name, m) -> {
            if (m instanceof Dropout d) {
                d.seek(Long.parseLong(c.metadata().getOrDefault(DROPOUT_PREFIX + name + CALLS_SUFFIX, "0")));
            }
        });
        run.restore(saved.state(), History.fromMetadata(c.metadata()), partial(c.metadata()));
        return run;
    }

    private static double[] partial(Map<String, String> m) {
        String[] parts = m.getOrDefault(PARTIAL, "0,0,0,0").split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("checkpoint metadata " + PARTIAL + " must hold 4 numbers");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata has no '" + key + "' entry");
        }
        return v;
    }
}
