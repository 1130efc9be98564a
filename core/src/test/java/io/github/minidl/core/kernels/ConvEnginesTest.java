package io.github.minidl.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.ConvSpec;
import org.junit.jupiter.api.Test;

/** The {@value ConvEngines#PROPERTY} property chooses the engine; a bad value is refused. */
class ConvEnginesTest {

    private static ConvEngine withProperty(String value) {
        String before = System.getProperty(ConvEngines.PROPERTY);
        System.setProperty(ConvEngines.PROPERTY, value);
        try {
            return ConvEngines.fromProperty();
        } finally {
            if (before == null) {
                System.clearProperty(ConvEngines.PROPERTY);
            } else {
                System.setProperty(ConvEngines.PROPERTY, before);
            }
        }
    }

    @Test
    void ownIsHonoured() {
        assertSame(ConvEngines.own(), withProperty("own"));
        assertEquals("own", withProperty(" OWN ").name());
    }

    @Test
    void oneDnnIsHonouredWhereItLoads() {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        assertEquals("onednn", withProperty("onednn").name());
        assertEquals("onednn", withProperty("auto").name(), "auto prefers oneDNN");
    }

    @Test
    void autoFallsBackToOwnWhereOneDnnDoesNotLoad() {
        assumeTrue(ConvEngines.oneDnn().isEmpty(), "oneDNN loads here");
        assertSame(ConvEngines.own(), withProperty("auto"));
        assertThrows(IllegalStateException.class, () -> withProperty("onednn"));
    }

    @Test
    void unknownValueIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> withProperty("mkl"));
        assertTrue(e.getMessage().contains("minidl.engine=mkl"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, own, onednn"), e.getMessage());
    }

    @Test
    void oneDnnRunsOnMinidlsThreadCount() {
        ConvEngine oneDnn = ConvEngines.oneDnn().orElse(null);
        assumeTrue(oneDnn != null, "oneDNN does not load here");
        ConvSpec s = ConvSpec.builder(2, 3, 3).build();
        var rng = new java.util.SplittableRandom(5);
        var x = io.github.minidl.testing.RandomArrays.randn(rng, org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2, 5, 5);
        var w = io.github.minidl.testing.RandomArrays.randn(rng, org.nd4j.linalg.api.buffer.DataType.FLOAT, s.weightShape());
        var omp = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = Threads.count();
        try {
            for (int threads : new int[] {1, 3}) {
                Threads.set(threads);
                ConvKernels.using(oneDnn, () -> ConvKernels.conv2d(x, w, null, s));
                assertEquals(threads, omp.ompGetMaxThreads(), "OpenMP threads oneDNN runs on");
            }
        } finally {
            Threads.set(before);
        }
    }

    @Test
    void float64AlwaysRunsOnOwnKernels() {
        ConvSpec s = ConvSpec.builder(2, 3, 3).padding(1).build();
        var rng = new java.util.SplittableRandom(3);
        var x = io.github.minidl.testing.RandomArrays.randn(rng, 2, 2, 5, 5);
        var w = io.github.minidl.testing.RandomArrays.randn(rng, s.weightShape());
        for (ConvEngine e : ConvEngines.available()) {
            var y = ConvKernels.using(e, () -> ConvKernels.conv2d(x, w, null, s));
            assertEquals(ConvKernels.using(ConvEngines.own(), () -> ConvKernels.conv2d(x, w, null, s)), y, e.name());
        }
    }
}
