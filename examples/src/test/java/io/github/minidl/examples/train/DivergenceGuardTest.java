package io.github.minidl.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    @Test
    void finiteLossesPassNonFiniteOnesStopTheRun() {
        assertEquals(0.25, DivergenceGuard.check(0.25, "loss", "at epoch 1, step 1", 1e-3));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            var e = assertThrows(DivergenceException.class,
                    () -> DivergenceGuard.check(bad, "test loss", "after epoch 2, step 6", 10.0));
            assertTrue(e.getMessage().startsWith("the test loss became " + bad + " after epoch 2, step 6 (learning "
                    + "rate 10.0)") && e.getMessage().endsWith("Try a smaller --lr"), e.getMessage());
        }
    }
}
