package io.github.minidl.core;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitTest {

    @Test
    void defaultWeightIsUniformWithinOneOverSqrtFanIn() {
        INDArray w = Init.defaultWeight(new SplittableRandom(1), DataType.DOUBLE, 64, 32, 3, 3);
        double bound = 1 / Math.sqrt(32 * 9);
        assertTrue(w.amaxNumber().doubleValue() <= bound);
        assertTrue(w.amaxNumber().doubleValue() > 0.95 * bound, "values should fill the interval");
        // Variance of U(-b, b) is b^2/3.
        assertEquals(bound * bound / 3, w.varNumber().doubleValue(), 0.05 * bound * bound / 3);
    }

    @Test
    void fanInFollowsPyTorch() {
        assertEquals(2 * 9, Init.fanIn(new long[] {8, 2, 3, 3}));
        assertEquals(10, Init.fanIn(new long[] {5, 10}));
    }

    @Test
    void sameSeedSameValues() {
        Init.manualSeed(42);
        INDArray a = Init.defaultWeight(Init.split(), DataType.FLOAT, 4, 4);
        Init.manualSeed(42);
        INDArray b = Init.defaultWeight(Init.split(), DataType.FLOAT, 4, 4);
        assertBitEqual(a, b, "same seed");
        assertEquals(DataType.FLOAT, a.dataType());
    }
}
