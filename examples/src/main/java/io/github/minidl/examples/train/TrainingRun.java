package io.github.minidl.examples.train;

import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.core.Init;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.checkpoint.TrainingState;
import io.github.minidl.layers.data.Batch;
import io.github.minidl.layers.data.DataLoader;
import io.github.minidl.layers.data.DataLoaderOptions;
import io.github.minidl.layers.data.LoaderPosition;
import io.github.minidl.layers.data.TensorDataset;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.optim.LrScheduler;
import io.github.minidl.layers.optim.Optimizer;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run of an example classifier: model, optimiser, learning-rate schedule over the
 * epochs (an optional warm-up, then cosine), shuffled batches, and the per-epoch history.
 * <p>Reproducible: {@link #start} seeds {@link Init} before building the model, and the loader
 * shuffles from the same seed, so one seed fixes initialisation, batch order and dropout masks.
 * With the same thread count two runs produce the same losses bit for bit, and a run restored by
 * {@link RunCheckpoint#resume} continues exactly as if it had never stopped.
 */
public final class TrainingRun {
    /** Images per batch when evaluating. */
    static final int EVAL_BATCH = 250;

    /** Called after every optimiser step. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * @param imagesInEpoch training images seen so far in this epoch
         * @param runningLoss mean loss over this epoch's steps so far
         */
        void onStep(long imagesInEpoch, double runningLoss);
    }

    private final TrainConfig config;
    private final Sequential model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private History history = new History();
    private long step;
    private double lossSum;
    private long correct;
    private long seen;
    private double seconds;

    private TrainingRun(TrainConfig config, TensorDataset train, TensorDataset test) {
        this.config = config;
        Init.manualSeed(config.seed());
        this.model = config.model().build();
        this.optimizer = config.optimizer().create(model.parameters(), config.learningRate());
        this.scheduler = new LrScheduler(optimizer, config.schedule());
        this.trainLoader = new DataLoader(train, DataLoaderOptions.batchSize(config.batchSize()).shuffle(config.seed()));
        this.testLoader = new DataLoader(test, EVAL_BATCH);
    }

    /** A fresh run at epoch 0 with a newly initialised model. */
    public static TrainingRun start(TrainConfig config, TensorDataset train, TensorDataset test) {
        return new TrainingRun(config, train, test);
    }

    /** The settings. */
    public TrainConfig config() {
        return config;
    }

    /** The model being trained (live). */
    public Sequential model() {
        return model;
    }

    /** The optimiser (live). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The per-epoch history so far. */
    public History history() {
        return history;
    }

    /** Optimiser steps taken so far. */
    public long step() {
        return step;
    }

    /** The zero-based epoch the next step belongs to. */
    public int epoch() {
        return trainLoader.position().epoch();
    }

    /** Optimiser steps per epoch. */
    public int batchesPerEpoch() {
        return trainLoader.batchesPerEpoch();
    }

    /** Training images per epoch. */
    public int trainSize() {
        return trainLoader.dataset().size();
    }

    /** Training images already seen in the current epoch. */
    public long seenInEpoch() {
        return seen;
    }

    /** True when every epoch is done or the step limit is reached. */
    public boolean finished() {
        return epoch() >= config.epochs() || (config.maxSteps() > 0 && step >= config.maxSteps());
    }

    /**
     * Trains the rest of the current epoch (or up to the step limit) and, when the epoch completes,
     * evaluates on the test set and records it.
     *
     * @return the epoch's result, or null when the step limit stopped it part-way
     * @throws DivergenceException when a training loss is NaN or infinite (that step is not applied) or the
     *     test loss at the end of the epoch is
     */
    public EpochResult trainEpoch(StepListener listener) {
        int epoch = epoch();
        for (Batch b : trainLoader) {
            long start = System.nanoTime();
            // Each step frees its batch, activations and gradients when the scope closes, so memory stays flat.
            try (b; MemoryScope scope = MemoryScope.open()) {
                Tensor logits = model.forward(Tensor.of(b.inputs()));
                Tensor loss = criterion.forward(logits, b.targets());
                double value = DivergenceGuard.check(loss.item(), "loss",
                        String.format(Locale.ROOT, "at epoch %d, step %d", epoch + 1, step + 1), optimizer.learningRate());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                step++;
                tally(b, logits, value, System.nanoTime() - start);
            }
            listener.onStep(seen, lossSum / seen);
            if (trainLoader.position().epoch() > epoch) {
                return endEpoch(epoch);
            }
            if (config.maxSteps() > 0 && step >= config.maxSteps()) {
                return null;
            }
        }
        return endEpoch(epoch);
    }

    private void tally(Batch b, Tensor logits, double loss, long nanos) {
        INDArray argMax = logits.data().argMax(1);
        long[] predicted = argMax.toLongVector();
        NativeMemory.free(argMax);
        long[] truth = b.targets().toLongVector();
        for (int i = 0; i < truth.length; i++) {
            correct += predicted[i] == truth[i] ? 1 : 0;
        }
        history.addStep(loss);
        lossSum += loss * b.size();
        seen += b.size();
        seconds += nanos / 1e9;
    }

    private EpochResult endEpoch(int epoch) {
        Evaluation test = evaluate();
        DivergenceGuard.check(test.loss(), "test loss", String.format(Locale.ROOT, "after epoch %d, step %d", epoch + 1,
                step), optimizer.learningRate());
        scheduler.step();
        EpochResult r = new EpochResult(epoch + 1, lossSum / seen, (double) correct / seen, test, seconds, seen);
        history.add(r);
        lossSum = 0;
        correct = 0;
        seen = 0;
        seconds = 0;
        return r;
    }

    /** The model on the test set now, in evaluation mode. */
    public Evaluation evaluate() {
        return Evaluation.of(model, testLoader, 10);
    }

    /** The run's position and counters, for a checkpoint. */
    TrainingState state() {
        return new TrainingState(trainLoader.position(), scheduler.epoch(), step, config.seed());
    }

    /** The running sums of the unfinished epoch: loss sum, correct, seen, seconds. */
    double[] partialEpoch() {
        return new double[] {lossSum, correct, seen, seconds};
    }

    /** Restores position, counters and history read from a checkpoint (model and optimiser are loaded already). */
    void restore(TrainingState state, History restored, double[] partial) {
        LoaderPosition p = state.loaderPosition();
        trainLoader.seek(p);
        scheduler.setEpoch(state.schedulerEpoch());
        step = state.step();
        history = restored;
        lossSum = partial[0];
        correct = (long) partial[1];
        seen = (long) partial[2];
        seconds = partial[3];
    }
}
