package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.data.Batch;
import io.github.minidl.layers.data.DataLoader;
import io.github.minidl.layers.data.DataLoaderOptions;
import io.github.minidl.layers.data.TensorDataset;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.optim.Optimizer;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The README's library example, kept compiling and running. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray images = RandomArrays.randn(rng, DataType.FLOAT, 128, 1, 28, 28);
        long[] classes = new long[128];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 10;
        }
        INDArray labels = Nd4j.createFromArray(classes);

        Init.manualSeed(42);
        Module net = new Sequential(
                Conv2d.builder(1, 32, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                new DepthwiseSeparableConv2d(32, 64, 3),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64 * 6 * 6, 10));
        String summary = Summary.of(net, 1, 1, 28, 28).toString();

        DataLoader loader = new DataLoader(new TensorDataset(images, labels),
                DataLoaderOptions.batchSize(64).shuffle(42));
        Optimizer opt = new SGD(net.parameters(), SgdOptions.lr(0.05).withMomentum(0.9));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        double last = Double.NaN;
        for (Batch b : loader) {
            try (MemoryScope step = MemoryScope.open()) {
                opt.zeroGrad();
                Tensor loss = lossFn.forward(net.forward(Tensor.of(b.inputs())), b.targets());
                loss.backward();
                opt.step();
                last = loss.item();
            }
        }
        assertTrue(Double.isFinite(last), "loss " + last);
        assertTrue(summary.contains("Total params"), summary);
    }
}
