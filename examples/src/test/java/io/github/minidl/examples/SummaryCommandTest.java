package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.Init;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.Summary;
import io.github.minidl.layers.Module;
import org.junit.jupiter.api.Test;

class SummaryCommandTest {
    @Test
    void printsTheThreeModelsAndTheComparison() {
        Run r = Run.of("summary");
        assertEquals(0, r.exitCode(), r.toString());
        for (ModelKind k : ModelKind.values()) {
            assertTrue(r.out().contains("== " + k.cliName()), k + " in " + r);
        }
        assertTrue(r.out().contains("| separable | 405,834 | 2,752 | 14.6% |"), r.toString());
    }

    @Test
    void separableModelHasAtMostAQuarterOfTheConvolutionParameters() {
        Init.manualSeed(0);
        long standard = ModelKind.convolutionParameters(ModelKind.STANDARD.build());
        long separable = ModelKind.convolutionParameters(ModelKind.SEPARABLE.build());
        assertEquals(320 + 18_496, standard);
        assertTrue(4 * separable <= standard, separable + " vs " + standard);
    }

    @Test
    void everyModelMapsAnImageToTenLogitsThroughA64x7x7Map() {
        for (ModelKind k : ModelKind.values()) {
            Init.manualSeed(0);
            Module m = k.build();
            Summary s = Summary.of(m, 2, 1, 28, 28);
            assertEquals("[2, 10]", java.util.Arrays.toString(s.outputShape()), k.toString());
            assertTrue(s.rows().stream().anyMatch(row -> java.util.Arrays.equals(row.outputShape(), new long[] {2, 64, 7, 7})),
                    k + ": " + s);
        }
    }
}
