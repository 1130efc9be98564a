package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Graph behaviour: accumulation, freeing, grad mode, deep chains, higher order, errors. */
class GraphTest {
    private static Tensor vec(double... v) {
        return Tensor.of(Nd4j.createFromArray(v));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = vec(1, 2, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        assertAllClose(Nd4j.createFromArray(2.0, 4, 6), x.grad().data(), 1e-15, "first");
        x.mul(3).sum().backward();
        assertAllClose(Nd4j.createFromArray(5.0, 7, 9), x.grad().data(), 1e-15, "accumulated");
        x.zeroGrad();
        assertNull(x.grad());
        x.sum().backward();
        assertAllClose(Nd4j.createFromArray(1.0, 1, 1), x.grad().data(), 1e-15, "after zeroGrad");
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = vec(2).requiresGrad(true);
        Tensor y = x.mul(x).add(x.exp());
        y.sum().backward();
        assertEquals(4 + Math.exp(2), x.grad().item(), 1e-12);
    }

    @Test
    void secondBackwardThroughFreedGraphIsAClearError() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
        assertTrue(e.getMessage().contains("withRetainGraph"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward(null, BackwardOptions.defaults().withRetainGraph());
        loss.backward();
        assertAllClose(Nd4j.createFromArray(2 * Math.exp(1), 2 * Math.exp(2)), x.grad().data(), 1e-12, "twice");
    }

    @Test
    void noGradRecordsNothingAndRestoresTheMode() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor y;
        try (GradMode g = Tensor.noGrad()) {
            y = x.mul(2);
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = vec(3).requiresGrad(true);
        Tensor y = x.mul(x);
        Tensor d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        assertSame(y.data(), d.data());
        y.mul(d).sum().backward();
        assertEquals(2 * 3 * 9, x.grad().item(), 1e-12);
    }

    @Test
    void tenThousandDeepChainBackwardsWithoutStackOverflow() {
        Tensor x = vec(0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 10_000; i++) {
            y = y.mul(1.0001).add(0.0);
        }
        y.sum().backward();
        assertEquals(Math.pow(1.0001, 10_000), x.grad().item(), 1e-9);
        assertTrue(GraphExport.toDot(y).contains("mulScalar"));
    }

    @Test
    void backwardWithoutGradientNeedsAOneElementOutput() {
        Tensor x = vec(1, 2).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> x.mul(2).backward(Nd4j.ones(DataType.DOUBLE, 3)));
        assertTrue(bad.getMessage().contains("[3]"), bad.getMessage());
    }

    @Test
    void backwardWithAGradientIsAVectorJacobianProduct() {
        Tensor x = vec(1, 2, 3).requiresGrad(true);
        INDArray gy = Nd4j.createFromArray(1.0, 10, 100);
        x.mul(x).backward(gy);
        assertAllClose(Nd4j.createFromArray(2.0, 40, 600), x.grad().data(), 1e-12, "vjp");
    }

    @Test
    void requiresGradOnlyOnFloatingLeaves() {
        Tensor x = vec(1).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> x.mul(2).requiresGrad(false));
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(Nd4j.createFromArray(1L, 2L)).requiresGrad(true));
    }

    @Test
    void mixingDtypesIsRejected() {
        Tensor a = vec(1, 2);
        Tensor b = Tensor.of(Nd4j.createFromArray(1f, 2f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("FLOAT"), e.getMessage());
    }

    @Test
    void broadcastingShapesAreCheckedWithAClearMessage() {
        var rng = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensors.randn(rng, 2, 3).add(Tensors.randn(rng, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void autogradGradLeavesGradUntouchedAndSupportsSecondOrder() {
        Tensor x = vec(2).requiresGrad(true);
        Tensor y = x.pow(3);
        Tensor[] g = Autograd.grad(y.sum(), new Tensor[] {x}, BackwardOptions.defaults().withCreateGraph());
        assertEquals(12, g[0].item(), 1e-12);
        assertNull(x.grad());
        Tensor[] gg = Autograd.grad(g[0].sum(), x);
        assertEquals(12, gg[0].item(), 1e-12);
    }

    @Test
    void autogradGradOfAnIntermediateTensor() {
        Tensor x = vec(1, 2).requiresGrad(true);
        Tensor h = x.mul(3);
        Tensor y = h.mul(h).sum();
        Tensor[] g = Autograd.grad(y, h);
        assertAllClose(Nd4j.createFromArray(6.0, 12), g[0].data(), 1e-12, "dy/dh");
    }

    @Test
    void unusedInputsAreAnErrorUnlessAllowed() {
        Tensor x = vec(1).requiresGrad(true);
        Tensor z = vec(1).requiresGrad(true);
        Tensor y = x.mul(2).sum();
        assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(y, new Tensor[] {x, z}, BackwardOptions.defaults().withRetainGraph()));
        Tensor[] g = Autograd.grad(y, new Tensor[] {x, z}, BackwardOptions.defaults().withAllowUnused());
        assertEquals(2, g[0].item(), 1e-15);
        assertNull(g[1]);
    }

    @Test
    void createGraphBackwardGivesDifferentiableLeafGradients() {
        Tensor x = vec(1.5).requiresGrad(true);
        x.pow(4).sum().backward(null, BackwardOptions.defaults().withCreateGraph());
        Tensor g = x.grad();
        assertTrue(g.requiresGrad());
        x.zeroGrad();
        g.sum().backward();
        assertEquals(12 * 1.5 * 1.5, x.grad().item(), 1e-12);
    }

    @Test
    void anomalyModeNamesTheOpThatProducedNaN() {
        Tensor x = vec(-1, 2).requiresGrad(true);
        try (Anomaly a = Anomaly.enable()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.sqrt());
            assertTrue(e.getMessage().contains("'sqrt'"), e.getMessage());
            assertTrue(e.getMessage().contains("forward"), e.getMessage());
        }
        assertFalse(Anomaly.isEnabled());
        Tensor y = x.sqrt();
        assertTrue(Double.isNaN(y.data().getDouble(0)));
    }

    @Test
    void anomalyModeNamesTheOpWhoseBackwardProducedInf() {
        Tensor x = vec(0, 4).requiresGrad(true);
        try (Anomaly a = Anomaly.enable()) {
            Tensor y = x.sqrt().sum();
            ArithmeticException e = assertThrows(ArithmeticException.class, y::backward);
            assertTrue(e.getMessage().contains("backward of op 'sqrt'"), e.getMessage());
            assertTrue(e.getCause() != null && e.getCause().getMessage().contains("sqrt"));
        }
    }

    @Test
    void dotExportListsOpsShapesAndNamedLeaves() {
        var rng = new SplittableRandom(3);
        Tensor w = Tensors.randn(rng, 4, 3).requiresGrad(true).named("fc.weight");
        Tensor x = Tensors.randn(rng, 2, 3);
        Tensor loss = F.relu(F.linear(x, w, null)).sum();
        String dot = GraphExport.toDot(loss);
        assertTrue(dot.startsWith("digraph"), dot);
        for (String s : new String[] {"fc.weight", "[4, 3]", "linear", "relu", "sum", "[2, 4]", "->"}) {
            assertTrue(dot.contains(s), () -> "missing " + s + " in\n" + dot);
        }
        loss.backward();
        assertTrue(GraphExport.toDot(loss).contains("dashed"), "freed ops are drawn dashed");
    }
}
