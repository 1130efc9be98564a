package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a memory scope frees when it closes, and what it must leave alone. */
class MemoryScopeTest {

    @Test
    void freesOpOutputsButNotLeavesTheirGradientsOrViews() {
        var rng = new SplittableRandom(1);
        Tensor w = Tensors.randn(rng, 3, 4).requiresGrad(true);
        Tensor x = Tensors.randn(rng, 2, 4);
        Tensor hidden;
        Tensor reshaped;
        try (MemoryScope scope = MemoryScope.open()) {
            hidden = F.relu(F.linear(x, w, null));
            reshaped = w.reshape(4, 3);
            hidden.sum().backward();
            assertTrue(scope.tracked() >= 2, "linear, relu and sum outputs are tracked");
        }
        assertTrue(hidden.isFreed(), "an op output is freed");
        assertFalse(w.isFreed(), "the parameter is not");
        assertFalse(w.grad().isFreed(), "nor its gradient");
        assertFalse(x.isFreed(), "nor an input made before the scope");
        assertFalse(reshaped.isFreed(), "nor a reshape sharing the parameter's memory");
        assertEquals(12, w.grad().data().length());
    }

    @Test
    void usingAFreedTensorSaysItsScopeFreedIt() {
        Tensor y;
        try (MemoryScope scope = MemoryScope.open()) {
            y = Tensors.randn(new SplittableRandom(2), 5).requiresGrad(true).mul(2.0);
        }
        Tensor freed = y;
        for (Executable use : new Executable[] {() -> freed.add(freed), freed::item, freed::data, freed::sum}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertTrue(e.getMessage().contains("tensor [5] DOUBLE (output of op 'mulScalar') was freed by a closed MemoryScope"), e.getMessage());
        }
    }

    @Test
    void nestedScopesFreeOnlyTheirOwnOutputs() {
        Tensor a = Tensors.randn(new SplittableRandom(3), 4);
        try (MemoryScope outer = MemoryScope.open()) {
            Tensor kept = a.mul(3.0);
            Tensor inner;
            try (MemoryScope nested = MemoryScope.open()) {
                inner = kept.add(1.0);
            }
            assertTrue(inner.isFreed());
            assertFalse(kept.isFreed(), "the outer scope's output lives until the outer scope closes");
            assertEquals(a.data().mul(3.0).sumNumber().doubleValue(), kept.data().sumNumber().doubleValue(), 0);
        }
    }

    @Test
    void scopesCloseInReverseOrder() {
        MemoryScope outer = MemoryScope.open();
        MemoryScope inner = MemoryScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void trainingInScopesGivesTheSameLossesAsWithout() {
        assertArrayEquals(train(false), train(true), 0.0);
    }

    /** Five SGD steps of a two-layer network on a fixed batch; returns the losses. */
    private static double[] train(boolean scoped) {
        var rng = new SplittableRandom(4);
        Tensor w1 = Tensors.randn(rng, 8, 6).requiresGrad(true);
        Tensor w2 = Tensors.randn(rng, 3, 8).requiresGrad(true);
        Tensor x = Tensors.randn(rng, 5, 6);
        INDArray target = Nd4j.createFromArray(0L, 1L, 2L, 1L, 0L);
        double[] losses = new double[5];
        for (int step = 0; step < losses.length; step++) {
            MemoryScope scope = scoped ? MemoryScope.open() : null;
            try {
                w1.zeroGrad();
                w2.zeroGrad();
                Tensor loss = F.crossEntropy(F.linear(F.relu(F.linear(x, w1, null)), w2, null), target);
                loss.backward();
                losses[step] = loss.item();
                w1.data().subi(w1.grad().data().mul(0.1));
                w2.data().subi(w2.grad().data().mul(0.1));
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
        return losses;
    }
}
