package io.github.minidl.examples.bench;

import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.Flatten;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.MaxPool2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.optim.Optimizer;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step (forward, cross-entropy, backward, SGD update) of a small Fashion-MNIST CNN on a
 * fixed random batch: the time per step and, over a long run, whether memory stays flat.
 * <p>{@link #pytorchPeer()} is the network of {@code torch_conv.py}'s train-step line (2 conv +
 * 2 linear, ReLU, max pooling, SGD lr 0.01 momentum 0.9, batch 64), so the two numbers compare.
 */
public final class TrainStepBench {
    /** Batch size of the measured step. */
    public static final int BATCH = 64;

    private final Module model;
    private final Optimizer optimizer;
    private final INDArray x;
    private final INDArray y;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();

    /** A step of {@code model} on a seeded random batch [64, 1, 28, 28] with random labels. */
    public TrainStepBench(Module model) {
        this.model = model;
        this.optimizer = new SGD(model.parameters(), SgdOptions.lr(0.01).withMomentum(0.9));
        SplittableRandom rng = new SplittableRandom(42);
        float[] pixels = new float[BATCH * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) nextGaussian(rng);
        }
        long[] labels = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = rng.nextInt(10);
        }
        this.x = Nd4j.create(pixels, new long[] {BATCH, 1, 28, 28}, DataType.FLOAT);
        this.y = Nd4j.createFromArray(labels);
    }

    private static double nextGaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** The network of torch_conv.py's train step, initialised from seed 42. */
    public static Sequential pytorchPeer() {
        Init.manualSeed(42);
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(32, 64, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(3136, 128), new ReLU(), new Linear(128, 10));
    }

    /** The model {@code minidl train} trains by default (with batch norm and dropout), from seed 42. */
    public static Sequential trainStandard() {
        Init.manualSeed(42);
        return ModelKind.STANDARD.build();
    }

    /** One step; returns the loss. */
    public double step() {
        try (MemoryScope scope = MemoryScope.open()) {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(Tensor.of(x)), y);
            loss.backward();
            optimizer.step();
            return loss.item();
        }
    }

    /** Median step time after warm-up, with heap allocation per step. */
    public Timing.Stats measure(Timing.Warmup warmup, int reps) {
        return Timing.measure(this::step, warmup, reps);
    }

    /** Memory at one point of a long run: resident set (Java heap, native arrays, code) and live heap. */
    public record MemorySample(long step, double rssMiB, double heapMiB) {
    }

    /**
     * Trains {@code steps} steps and samples memory (after a full GC) after warm-up and then at
     * {@code samples} evenly spaced points up to the end.
     */
    public List<MemorySample> memoryRun(long steps, int warmup, int samples) {
        List<MemorySample> out = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            step();
        }
        out.add(sample(warmup));
        long done = warmup;
        for (int k = 1; k <= samples; k++) {
            long target = warmup + (steps - warmup) * k / samples;
            for (; done < target; done++) {
                step();
            }
            out.add(sample(done));
        }
        return out;
    }

    private static MemorySample sample(long step) {
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        return new MemorySample(step, Timing.rssMiB(), heap);
    }
}
