package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A leaf's first gradient is the array backward made, handed over without a copy (as PyTorch's
 * AccumulateGrad steals it): it must survive the memory scope the backward ran in, accumulate
 * later gradients, and never be memory that someone else still reads or writes.
 */
class LeafGradientTest {
    @Test
    void aHandedOverGradientOutlivesTheScopeAndAccumulates() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor w = Tensors.randn(rng, 3, 4).requiresGrad(true);
        Tensor x = Tensors.randn(rng, 2, 4);
        INDArray expected;
        try (MemoryScope scope = MemoryScope.open()) {
            F.relu(F.linear(x, w, null)).sum().backward();
            expected = w.grad().data().dup();
        }
        assertFalse(w.grad().isFreed(), "the gradient survives the scope");
        assertAllClose(expected, w.grad().data(), 0, 0, "first gradient");
        try (MemoryScope scope = MemoryScope.open()) {
            F.relu(F.linear(x, w, null)).sum().backward();
        }
        assertAllClose(expected.mul(2), w.grad().data(), 1e-12, 1e-12, "two backward passes add up");
    }

    @Test
    void aGradientTheCallerOwnsIsCopied() {
        SplittableRandom rng = new SplittableRandom(6);
        Tensor x = Tensors.randn(rng, 2, 3).requiresGrad(true);
        Tensor gy = Tensors.randn(rng, 2, 3);
        INDArray before = gy.data().dup();
        x.backward(gy);
        assertNotSame(gy.data(), x.grad().data());
        assertFalse(NativeMemory.sharesMemory(gy.data(), x.grad().data()), "the leaf's gradient is its own");
        gy.data().assign(0);
        assertAllClose(before, x.grad().data(), 0, 0, "the caller's array changing leaves the gradient alone");
    }

    @Test
    void aGradientPassedThroughAnOpIsNotTheUpstreamArray() {
        SplittableRandom rng = new SplittableRandom(7);
        Tensor x = Tensors.randn(rng, 2, 3).requiresGrad(true);
        Tensor gy = Tensors.randn(rng, 3, 2);
        // reshape's backward hands gy on as a view; the leaf must not end up holding the caller's array.
        x.reshape(3, 2).backward(gy);
        assertFalse(NativeMemory.sharesMemory(gy.data(), x.grad().data()), "reshape passed the caller's gy on");
        Tensor a = Tensors.randn(rng, 2, 3).requiresGrad(true);
        Tensor b = Tensors.randn(rng, 2, 3).requiresGrad(true);
        try (MemoryScope scope = MemoryScope.open()) {
            a.mul(2).add(b).sum().backward();
        }
        assertFalse(NativeMemory.sharesMemory(a.grad().data(), b.grad().data()), "two leaves, two arrays");
        assertTrue(a.grad().data().eq(2).all() && b.grad().data().eq(1).all(), "2 and 1");
    }
}
