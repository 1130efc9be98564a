package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Losses over nothing behave as PyTorch's: NaN mean, zero sum, empty unreduced; zero classes are refused. */
class LossesTest {
    private static Tensor empty(long... shape) {
        return Tensor.of(Nd4j.create(DataType.DOUBLE, shape)).requiresGrad(true);
    }

    private static INDArray noTargets(long... shape) {
        return Nd4j.create(DataType.LONG, shape);
    }

    @Test
    void crossEntropyOverAnEmptyBatchIsNaNForTheMeanAndZeroForTheSum() {
        Tensor logits = empty(0, 3);
        Tensor mean = F.crossEntropy(logits, noTargets(0));
        assertTrue(Double.isNaN(mean.item()), "mean over no samples is 0/0");
        assertEquals(0.0, F.crossEntropy(logits, noTargets(0), Reduction.SUM, 0).item());
        assertArrayEquals(new long[] {0}, F.crossEntropy(logits, noTargets(0), Reduction.NONE, 0).shape());
        mean.backward();
        assertArrayEquals(new long[] {0, 3}, logits.grad().shape());
        assertTrue(Double.isNaN(F.crossEntropy(empty(0, 3, 2, 2), noTargets(0, 2, 2)).item()), "spatial logits");
        assertTrue(Double.isNaN(F.crossEntropy(empty(0, 3), empty(0, 3)).item()), "probability targets");
        assertTrue(Double.isNaN(F.nllLoss(empty(0, 3), noTargets(0), Reduction.MEAN).item()), "nll");
    }

    @Test
    void crossEntropyRefusesZeroClasses() {
        for (long n : new long[] {0, 2}) {
            var e = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(empty(n, 0), noTargets(n)));
            assertTrue(e.getMessage().contains("input [" + n + ", 0] has 0 classes")
                    && e.getMessage().contains("at least one class"), e.getMessage());
        }
    }

    @Test
    void emptyTargetsOfTheWrongShapeAreStillRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(empty(0, 3), noTargets(1)));
        assertTrue(e.getMessage().contains("target must have shape [0]"), e.getMessage());
    }

    @Test
    void mseOverEmptyTensorsIsNaNForTheMeanAndZeroForTheSum() {
        Tensor a = empty(0, 4);
        Tensor b = empty(0, 4);
        Tensor mean = F.mseLoss(a, b);
        assertTrue(Double.isNaN(mean.item()));
        assertEquals(0.0, F.mseLoss(a, b, Reduction.SUM).item());
        assertArrayEquals(new long[] {0, 4}, F.mseLoss(a, b, Reduction.NONE).shape());
        mean.backward();
        assertArrayEquals(new long[] {0, 4}, a.grad().shape());
        assertTrue(Double.isNaN(F.binaryCrossEntropyWithLogits(empty(0), empty(0)).item()), "bce");
    }
}
