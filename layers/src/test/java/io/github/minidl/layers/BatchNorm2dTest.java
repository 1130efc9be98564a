package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** BatchNorm2d's options against PyTorch (float64, 1e-10), its argument order and its refusals. */
class BatchNorm2dTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> cases() {
        return Golden.cases("parity_layer_cases", "batch_norm2d_options");
    }

    /** PyTorch's BatchNorm2d takes (num_features, eps, momentum): two doubles whose order is easy to swap. */
    @Test
    void noPublicSignatureTakesTwoAdjacentDoubles() {
        List<Executable> all = new ArrayList<>(List.of(BatchNorm2d.class.getConstructors()));
        all.addAll(List.of(BatchNorm2d.class.getMethods()));
        all.addAll(List.of(BatchNorm2d.BatchNorm2dBuilder.class.getMethods()));
        for (Executable e : all) {
            Class<?>[] p = e.getParameterTypes();
            for (int i = 1; i < p.length; i++) {
                boolean twoDoubles = (p[i - 1] == double.class || p[i - 1] == Double.class)
                        && (p[i] == double.class || p[i] == Double.class);
                assertTrue(!twoDoubles, e + " takes two adjacent doubles; use the builder's eps(..) and momentum(..)");
            }
        }
    }

    @Test
    void builderNamesEpsAndMomentumAsPyTorchDoes() {
        BatchNorm2d bn = BatchNorm2d.builder(4).eps(1e-3).momentum(0.2).build();
        assertEquals(1e-3, bn.options().eps());
        assertEquals(0.2, bn.options().momentum());
        assertEquals("BatchNorm2d(4, eps=0.001, momentum=0.2, affine=True, track_running_stats=True)", bn.toString());
        BatchNorm2d plain = BatchNorm2d.builder(2).cumulativeAverage().withoutAffine().withoutRunningStats().build();
        assertEquals("BatchNorm2d(2, eps=1.0E-5, momentum=None, affine=False, track_running_stats=False)",
                plain.toString());
        assertTrue(plain.stateDict().isEmpty(), "no parameters or buffers: " + plain.stateDict().keySet());
        assertNull(plain.weight());
        assertTrue(plain.runningStats().isEmpty());
        // options().training(): whether a forward now uses batch statistics (always, without running ones).
        assertTrue(bn.options().training());
        assertFalse(((BatchNorm2d) bn.eval()).options().training());
        assertTrue(((BatchNorm2d) plain.eval()).options().training());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void layerMatchesPyTorch(GoldenCase c) {
        BatchNorm2d.BatchNorm2dBuilder b = BatchNorm2d.builder(c.intParam("num_features")).eps(c.doubleParam("eps"));
        if (c.params().get("momentum").isNull()) {
            b.cumulativeAverage();
        } else {
            b.momentum(c.doubleParam("momentum"));
        }
        if (!c.boolParam("affine")) {
            b.withoutAffine();
        }
        if (!c.boolParam("track_running_stats")) {
            b.withoutRunningStats();
        }
        BatchNorm2d bn = b.build();
        bn.to(DataType.DOUBLE);
        Map<String, INDArray> st = new LinkedHashMap<>();
        for (String k : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            if (c.tensor(k) != null) {
                st.put(k, c.tensor(k));
            }
        }
        bn.loadStateDict(st, KeyMatching.LENIENT);
        bn.setTraining(c.boolParam("training"));
        Tensor x = null;
        Tensor y = null;
        for (int s = 0; s < c.intParam("steps"); s++) {
            x = Tensor.of(c.tensor("xs").get(NDArrayIndex.point(s)).dup('c')).requiresGrad(true);
            y = bn.forward(x);
            assertAllClose(c.tensor("ys").get(NDArrayIndex.point(s)), y.data(), TOL, c.id() + " y of step " + s);
        }
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, "gx");
        assertAllClose(c.tensor("gweight"), bn.weight() == null ? null : bn.weight().grad().data(), TOL, "gweight");
        assertAllClose(c.tensor("gbias"), bn.bias() == null ? null : bn.bias().grad().data(), TOL, "gbias");
        BatchNorm2d.RunningStats stats = bn.runningStats().orElse(null);
        assertAllClose(c.tensor("running_mean_after"), stats == null ? null : stats.mean().data(), TOL, "running_mean");
        assertAllClose(c.tensor("running_var_after"), stats == null ? null : stats.var().data(), TOL, "running_var");
        if (stats != null) {
            assertEquals(c.tensor("num_batches_tracked_after", DataType.LONG).getLong(0),
                    stats.numBatchesTracked().data().getLong(0), "num_batches_tracked");
        }
    }

    @Test
    void evalRejectsANegativeRunningVariance() {
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.runningStats().orElseThrow().var().data().assign(Nd4j.createFromArray(1f, -0.5f, 2f));
        bn.eval();
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(DataType.FLOAT, 2, 3, 2, 2)));
        assertTrue(e.getMessage().contains("runningVar[1]=-0.5 is negative"), e.getMessage());
    }

    @Test
    void epsMustBePositive() {
        for (double eps : new double[] {0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm2d.builder(3).eps(eps).build());
            assertTrue(e.getMessage().contains("eps=" + eps + " must be finite and positive"), e.getMessage());
        }
    }
}
