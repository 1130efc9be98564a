package io.github.minidl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RangeChecksTest {

    @Test
    void valuesInRangePassThrough() {
        assertEquals(0.0, RangeChecks.finiteNonNegative("a", 0.0));
        assertEquals(1e-12, RangeChecks.finitePositive("a", 1e-12));
        assertEquals(1.0, RangeChecks.inClosed("a", 1.0, 0, 1));
        assertEquals(0.0, RangeChecks.inClosedOpen("a", 0.0, 0, 1));
        assertEquals(3, RangeChecks.positive("a", 3));
        assertEquals(0, RangeChecks.nonNegative("a", 0));
    }

    @Test
    void messagesNameTheParameterTheValueAndTheRange() {
        assertMessage(() -> RangeChecks.finiteNonNegative("weightDecay", -1), "weightDecay=-1.0 must be finite and non-negative");
        assertMessage(() -> RangeChecks.finiteNonNegative("gamma", Double.POSITIVE_INFINITY),
                "gamma=Infinity must be finite and non-negative");
        assertMessage(() -> RangeChecks.finitePositive("eps", 0), "eps=0.0 must be finite and positive");
        assertMessage(() -> RangeChecks.inClosed("alpha", 1.5, 0, 1), "alpha=1.5 must lie in [0, 1]");
        assertMessage(() -> RangeChecks.inClosedOpen("beta1", 1.0, 0, 1), "beta1=1.0 must lie in [0, 1)");
        assertMessage(() -> RangeChecks.inClosed("p", 0.1, 0.25, 0.5), "p=0.1 must lie in [0.25, 0.5]");
        assertMessage(() -> RangeChecks.positive("tMax", 0), "tMax=0 must be positive");
        assertMessage(() -> RangeChecks.nonNegative("patience", -1), "patience=-1 must be non-negative");
    }

    @Test
    void nanLiesInNoRange() {
        assertMessage(() -> RangeChecks.finiteNonNegative("a", Double.NaN), "a=NaN");
        assertMessage(() -> RangeChecks.finitePositive("a", Double.NaN), "a=NaN");
        assertMessage(() -> RangeChecks.inClosed("a", Double.NaN, 0, 1), "a=NaN");
        assertMessage(() -> RangeChecks.inClosedOpen("a", Double.NaN, 0, 1), "a=NaN");
    }

    private static void assertMessage(Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage().substring(0, Math.min(expected.length(), e.getMessage().length())),
                e.getMessage());
    }
}
