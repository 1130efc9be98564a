package io.github.minidl.core.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adaptive max pooling's scan rules, as PyTorch 1.13's CPU kernel applies them. */
class AdaptivePoolKernelsTest {
    private static INDArray plane(double... v) {
        return Nd4j.createFromArray(v).reshape(1, 1, 2, 2);
    }

    /** PyTorch replaces the maximum at every NaN ({@code val > max || isnan(val)}): the last NaN wins. */
    @Test
    void theLastNanOfABinWins() {
        MaxPoolArrays r = AdaptivePoolKernels.adaptiveMaxPool2d(plane(1, Double.NaN, Double.NaN, 2), 1, 1);
        assertTrue(Double.isNaN(r.values().getDouble(0)));
        assertEquals(2L, r.indices().getLong(0));
    }

    @Test
    void tiesKeepTheFirstPosition() {
        MaxPoolArrays r = AdaptivePoolKernels.adaptiveMaxPool2d(plane(3, 1, 3, 2), 1, 1);
        assertEquals(3.0, r.values().getDouble(0));
        assertEquals(0L, r.indices().getLong(0));
    }

    /** Bin i of n over s covers [floor(i·s/n), ceil((i+1)·s/n)): 7 into 3 gives [0,3) [2,5) [4,7). */
    @Test
    void binsOverlapWhenTheSizeIsNotAMultiple() {
        int[][] expected = {{0, 3}, {2, 5}, {4, 7}};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i][0], AdaptivePoolKernels.binStart(i, 7, 3));
            assertEquals(expected[i][1], AdaptivePoolKernels.binEnd(i, 7, 3));
        }
    }
}
