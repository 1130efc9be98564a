package io.github.minidl.examples.train;

import io.github.minidl.autograd.GradMode;
import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.data.Batch;
import io.github.minidl.layers.data.DataLoader;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's mean cross-entropy, accuracy and confusion matrix on a labelled set, computed in
 * evaluation mode without recording a graph.
 *
 * @param loss mean cross-entropy per image
 * @param accuracy fraction classified right
 * @param confusion the counts
 */
public record Evaluation(double loss, double accuracy, ConfusionMatrix confusion) {
    /** Runs {@code model} over every batch of {@code loader}'s epoch 0; restores training mode after. */
    public static Evaluation of(Module model, DataLoader loader, int classes) {
        boolean wasTraining = model.isTraining();
        model.eval();
        CrossEntropyLoss criterion = new CrossEntropyLoss().withReduction(Reduction.SUM);
        ConfusionMatrix confusion = new ConfusionMatrix(classes);
        double lossSum = 0;
        try (GradMode ignored = Tensor.noGrad()) {
            for (Batch b : loader.epoch(0)) {
                try (b; MemoryScope scope = MemoryScope.open()) {
                    Tensor logits = model.forward(Tensor.of(b.inputs()));
                    lossSum += criterion.forward(logits, b.targets()).item();
                    INDArray argMax = logits.data().argMax(1);
                    confusion.add(toInts(b.targets().toLongVector()), toInts(argMax.toLongVector()));
                    NativeMemory.free(argMax);
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return new Evaluation(lossSum / confusion.total(), confusion.accuracy(), confusion);
    }

    static int[] toInts(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }
}
