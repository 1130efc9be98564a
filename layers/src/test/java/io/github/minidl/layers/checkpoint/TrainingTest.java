package io.github.minidl.layers.checkpoint;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.layers.BatchNorm2d;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.Dropout;
import io.github.minidl.layers.Flatten;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.MaxPool2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.data.Batch;
import io.github.minidl.layers.data.DataLoader;
import io.github.minidl.layers.data.DataLoaderOptions;
import io.github.minidl.layers.data.TensorDataset;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.optim.Adam;
import io.github.minidl.layers.optim.AdamOptions;
import io.github.minidl.layers.optim.LrScheduler;
import io.github.minidl.layers.optim.Optimizer;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import io.github.minidl.layers.optim.StepLR;
import io.github.minidl.testing.RandomArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** End-to-end training: a tiny CNN learns a fixed batch, and a run resumed from a checkpoint is bit-exact. */
@Timeout(120) // runs worker threads: a hang fails the test instead of the build
class TrainingTest {
    private static final long SEED = 20240611L;
    private static int threadsBefore;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixThreads() {
        threadsBefore = Threads.count();
        Threads.set(2);
    }

    @AfterAll
    static void restoreThreads() {
        Threads.set(threadsBefore);
    }

    static Sequential tinyCnn(double dropout) {
        return new Sequential(Conv2d.builder(1, 6, 3).padding(1).build(), new BatchNorm2d(6), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Dropout(dropout), new Linear(6 * 4 * 4, 3));
    }

    /** Three classes of 8x8 images: a bright row, a bright column or a bright diagonal, plus noise. */
    static TensorDataset dataset(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, n, 1, 8, 8).muli(0.3);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            int pos = rng.nextInt(8);
            for (int j = 0; j < 8; j++) {
                int h = c == 0 ? pos : j;
                int w = c == 1 ? pos : j;
                x.putScalar(new long[] {i, 0, h, w}, x.getDouble(i, 0, h, w) + 1.5);
            }
        }
        return new TensorDataset(x, Nd4j.createFromArray(labels));
    }

    @Test
    void tinyNetworkDrivesTheLossDownTenfold() {
        Init.manualSeed(SEED);
        Module net = new Sequential(new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 3));
        TensorDataset data = dataset(12, 7);
        Batch batch = data.gather(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0, 12);
        Optimizer opt = new Adam(net.parameters(), AdamOptions.lr(0.02));
        CrossEntropyLoss loss = new CrossEntropyLoss();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 60; step++) {
            opt.zeroGrad();
            Tensor l = loss.forward(net.forward(Tensor.of(batch.inputs())), batch.targets());
            l.backward();
            opt.step();
            if (step == 0) {
                first = l.item();
            }
            last = l.item();
        }
        assertTrue(last < first / 10, "loss went from " + first + " to " + last);
    }

    /** Trains {@code steps} optimiser steps from the loader's position, updating state; returns the losses. */
    private static List<Double> train(Module net, Optimizer opt, DataLoader loader, LrScheduler sched, int steps,
                                      long[] stepCounter) {
        CrossEntropyLoss loss = new CrossEntropyLoss().withLabelSmoothing(0.05);
        List<Double> losses = new ArrayList<>();
        while (losses.size() < steps) {
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor l = loss.forward(net.forward(Tensor.of(b.inputs())), b.targets());
                l.backward();
                opt.step();
                losses.add(l.item());
                stepCounter[0]++;
                if (loader.position().batch() == 0) {
                    sched.step();
                }
                if (losses.size() == steps) {
                    return losses;
                }
            }
        }
        return losses;
    }

    private void resumeIsBitExact(Function<Module, Optimizer> optimizerOf) throws IOException {
        int n = 7;
        int m = 9;
        TensorDataset data = dataset(30, 11);
        DataLoaderOptions options = DataLoaderOptions.batchSize(8).shuffle(SEED);

        Init.manualSeed(SEED);
        Module full = tinyCnn(0.25);
        Optimizer fullOpt = optimizerOf.apply(full);
        DataLoader fullLoader = new DataLoader(data, options);
        LrScheduler fullSched = new LrScheduler(fullOpt, new StepLR(1, 0.5));
        List<Double> fullLosses = train(full, fullOpt, fullLoader, fullSched, n + m, new long[1]);

        Init.manualSeed(SEED);
        Module first = tinyCnn(0.25);
        Optimizer firstOpt = optimizerOf.apply(first);
        DataLoader firstLoader = new DataLoader(data, options);
        LrScheduler firstSched = new LrScheduler(firstOpt, new StepLR(1, 0.5));
        long[] steps = new long[1];
        List<Double> losses = new ArrayList<>(train(first, firstOpt, firstLoader, firstSched, n, steps));
        Path file = dir.resolve("run.ckpt");
        TrainingCheckpoint.save(file, first, firstOpt,
                new TrainingState(firstLoader.position(), firstSched.epoch(), steps[0], SEED));

        // A fresh process: same construction code and seed, different initial weights do not matter.
        Init.manualSeed(SEED);
        Module resumed = tinyCnn(0.25);
        Init.manualSeed(99);
        resumed.apply(mm -> mm.namedParameters().values().forEach(p -> p.data().assign(0.5)));
        Optimizer resumedOpt = optimizerOf.apply(resumed);
        TrainingState st = TrainingCheckpoint.restore(file, resumed, resumedOpt);
        assertEquals(n, st.step());
        assertEquals(SEED, st.seed());
        DataLoader loader = new DataLoader(data, options);
        loader.seek(st.loaderPosition());
        LrScheduler sched = new LrScheduler(resumedOpt, new StepLR(1, 0.5));
        sched.setEpoch(st.schedulerEpoch());
        losses.addAll(train(resumed, resumedOpt, loader, sched, m, new long[] {st.step()}));

        assertEquals(fullLosses, losses, "losses of the resumed run");
        assertBitEqual(full.stateDict(), resumed.stateDict(), "model");
        assertBitEqual(fullOpt.state().buffers(), resumedOpt.state().buffers(), "optimizer buffers");
        assertEquals(fullOpt.learningRate(), resumedOpt.learningRate(), 0.0);
    }

    @Test
    void resumeWithSgdNesterovIsBitExact() throws IOException {
        resumeIsBitExact(net -> new SGD(net.parameters(),
                SgdOptions.lr(0.05).withMomentum(0.9).withNesterov().withWeightDecay(1e-3)));
    }

    @Test
    void resumeWithAdamAmsgradIsBitExact() throws IOException {
        resumeIsBitExact(net -> new Adam(net.parameters(), AdamOptions.lr(0.01).withAmsgrad().withWeightDecay(1e-3)));
    }

    @Test
    void restoreRejectsMismatchedModelAndOptimizer() throws IOException {
        Init.manualSeed(1);
        Module net = tinyCnn(0);
        Optimizer opt = new SGD(net.parameters(), SgdOptions.lr(0.1).withMomentum(0.9));
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(file, net, opt, new TrainingState(io.github.minidl.layers.data.LoaderPosition.start(), 0, 0, 1));
        Module other = new Sequential(new Linear(2, 2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restore(file, other, new SGD(other.parameters(), SgdOptions.lr(0.1))));
        assertTrue(e.getMessage().contains("0.weight"), e.getMessage());
        var t = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restore(file, net, new Adam(net.parameters(), AdamOptions.lr(0.1))));
        assertTrue(t.getMessage().contains("'SGD'"), t.getMessage());
    }

    /** A restore that fails on the optimiser's type leaves model and optimiser exactly as they were. */
    @Test
    void failedRestoreChangesNothing() throws IOException {
        Init.manualSeed(1);
        Module saved = tinyCnn(0);
        Path file = dir.resolve("sgd.ckpt");
        TrainingCheckpoint.save(file, saved, new SGD(saved.parameters(), SgdOptions.lr(0.1).withMomentum(0.9)),
                new TrainingState(io.github.minidl.layers.data.LoaderPosition.start(), 0, 0, 1));
        Init.manualSeed(2);
        Module net = tinyCnn(0);
        Optimizer adam = new Adam(net.parameters(), AdamOptions.lr(0.01));
        DataLoader loader = new DataLoader(dataset(6, 3), DataLoaderOptions.batchSize(6));
        train(net, adam, loader, new LrScheduler(adam, new StepLR(1, 0.5)), 1, new long[1]);
        var modelBefore = copies(net.stateDict());
        var optimizerBefore = copies(adam.state().buffers());
        var scalarsBefore = adam.state().scalars();

        var e = assertThrows(IllegalArgumentException.class, () -> TrainingCheckpoint.restore(file, net, adam));
        assertTrue(e.getMessage().contains("'SGD'"), e.getMessage());
        assertBitEqual(modelBefore, net.stateDict(), "model after a failed restore");
        assertBitEqual(optimizerBefore, adam.state().buffers(), "optimizer after a failed restore");
        assertEquals(scalarsBefore, adam.state().scalars());
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> state) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
