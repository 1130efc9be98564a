package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The refusals of F.batchNorm and the bookkeeping of its batch counter. */
class BatchNormOptionsTest {
    private static Tensor x() {
        return Tensors.randn(new SplittableRandom(5), 4, 2, 3, 3);
    }

    @Test
    void epsMustBePositive() {
        for (double eps : new double[] {0, -1e-5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> BatchNormOptions.train().withEps(eps));
            assertTrue(e.getMessage().contains("eps=" + eps + " must be finite and positive"), e.getMessage());
        }
    }

    @Test
    void evalRejectsANegativeRunningVariance() {
        Tensor mean = Tensor.zeros(DataType.DOUBLE, 2);
        Tensor var = Tensor.of(Nd4j.createFromArray(0.5, -2.0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> F.batchNorm(x(), mean, var, null, null, BatchNormOptions.eval()));
        assertTrue(e.getMessage().contains("runningVar[1]=-2.0 is negative"), e.getMessage());
    }

    @Test
    void cumulativeAverageNeedsTheCounter() {
        Tensor mean = Tensor.zeros(DataType.DOUBLE, 2);
        Tensor var = Tensor.ones(DataType.DOUBLE, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> F.batchNorm(x(), mean, var, null, null,
                BatchNormOptions.train().withCumulativeAverage()));
        assertTrue(e.getMessage().contains("needs numBatchesTracked"), e.getMessage());
    }

    /** The first batch replaces the buffers (factor 1/1); eval neither counts nor updates. */
    @Test
    void counterAdvancesInTrainingOnly() {
        Tensor counter = Tensor.of(Nd4j.scalar(DataType.LONG, 0L));
        var buffers = new BatchNormBuffers(Tensor.of(Nd4j.createFromArray(9.0, 9.0)),
                Tensor.of(Nd4j.createFromArray(9.0, 9.0)), counter);
        Tensor in = x();
        F.batchNorm(in, buffers, null, null, BatchNormOptions.train().withCumulativeAverage());
        assertEquals(1L, counter.data().getLong(0));
        double batchMean = in.data().mean(0, 2, 3).getDouble(1);
        assertEquals(batchMean, buffers.runningMean().data().getDouble(1), 1e-12);
        F.batchNorm(in, buffers, null, null, BatchNormOptions.eval().withCumulativeAverage());
        assertEquals(1L, counter.data().getLong(0));
        assertEquals(batchMean, buffers.runningMean().data().getDouble(1), 0);
    }
}
