package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.NativeAllocations;
import io.github.minidl.testing.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step in a {@link MemoryScope} leaves no array for the garbage collector, and frees
 * nothing that is still in use: the temporaries inside ops (batch-norm statistics, dropout and
 * relu masks, float64 staging copies, contiguous copies) and the gradients backward makes.
 */
class MemoryReleaseTest {

    private static final Tensor MEAN = Tensors.randn(new SplittableRandom(5), 3);
    private static final Tensor ZEROS = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 3));
    private static final Tensor ONES = Tensor.of(Nd4j.ones(DataType.DOUBLE, 3));
    private static final Tensor WEIGHT = Tensors.randn(new SplittableRandom(6), 2, 75);
    private static final INDArray TARGETS = Nd4j.createFromArray(1L, 0L, 3L, 24L);

    static Stream<Arguments> steps() {
        return Stream.of(
                step("batchNorm", (x, w) -> F.batchNorm(x, MEAN, ONES, w, null, BatchNormOptions.train())),
                step("batchNorm eval", (x, w) -> F.batchNorm(x, ZEROS, ONES, w, null, BatchNormOptions.eval())),
                step("dropout", (x, w) -> F.dropout(x.mul(w.reshape(1, 3, 1, 1)), 0.5, new SplittableRandom(3))),
                step("relu", (x, w) -> F.relu(x.mul(w.reshape(1, 3, 1, 1)))),
                step("crossEntropy", (x, w) -> F.crossEntropy(F.flatten(x.mul(w.reshape(1, 3, 1, 1))), TARGETS)),
                step("conv2d of a permuted input", (x, w) -> F.conv2d(x.permute(0, 1, 3, 2),
                        w.reshape(1, 3, 1, 1), null)),
                // linear's input gradient reaches flatten, which passes a view of it on
                step("linear after flatten", (x, w) -> F.linear(F.flatten(x.mul(w.reshape(1, 3, 1, 1))), WEIGHT, null)));
    }

    private static Arguments step(String name, BiFunction<Tensor, Tensor, Tensor> f) {
        return Arguments.of(name, f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aStepInAScopeLeavesNothingForTheCollector(String name, BiFunction<Tensor, Tensor, Tensor> f) {
        Tensor x = Tensors.randn(new SplittableRandom(1), 4, 3, 5, 5).requiresGrad(true);
        Tensor w = Tensors.randn(new SplittableRandom(2), 3).requiresGrad(true);
        List<String> open = NativeAllocations.leftUnfreed(() -> {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor y = f.apply(x, w);
                (y.rank() == 0 ? y : y.sum()).backward();
                assertFalse(x.grad().isFreed(), "the gradients outlive the scope");
            }
            x.zeroGrad();
            w.zeroGrad();
        });
        assertEquals(List.of(), open, name + ": arrays left to the garbage collector");
    }

    @Test
    void zeroGradFreesTheGradientBackwardMadeButNotOneTheUserGave() {
        Tensor x = Tensors.randn(new SplittableRandom(4), 6).requiresGrad(true);
        x.mul(2.0).sum().backward();
        Tensor made = x.grad();
        x.zeroGrad();
        assertTrue(made.isFreed(), "a gradient backward computed is dead once cleared");
        Tensor given = Tensor.of(Nd4j.ones(DataType.DOUBLE, 6));
        x.setGrad(given);
        x.zeroGrad();
        assertFalse(given.isFreed(), "the caller's own array is the caller's");
    }

    @Test
    void theDropoutMaskLivesUntilTheScopeCloses() {
        Tensor x = Tensors.randn(new SplittableRandom(6), 200).requiresGrad(true);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor y = F.dropout(x, 0.5, new SplittableRandom(7));
            double[] kept = Nd.doubles(y.data());
            y.sum().backward();
            double[] g = Nd.doubles(x.grad().data());
            double[] xs = Nd.doubles(x.data());
            for (int i = 0; i < g.length; i++) {
                assertEquals(kept[i], g[i] * xs[i], 1e-12, "element " + i + ": the gradient is the mask of the forward");
            }
        }
    }

    @Test
    void secondOrderThroughReluInAScopeEqualsOutside() {
        Function<Boolean, double[]> run = scoped -> {
            Tensor x = Tensors.randn(new SplittableRandom(8), 10).requiresGrad(true);
            MemoryScope scope = scoped ? MemoryScope.open() : null;
            try {
                Tensor y = F.relu(x).mul(F.relu(x)).sum();
                Tensor g = Autograd.grad(y, new Tensor[] {x}, BackwardOptions.defaults().withCreateGraph())[0];
                Tensor gg = Autograd.grad(g.sum(), x)[0];
                return Nd.doubles(gg.data());
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        };
        assertArrayEquals(run.apply(false), run.apply(true), 0.0);
    }

    @Test
    void theCallersRootGradientSurvivesAPassThrough() {
        Tensor x = Tensors.randn(new SplittableRandom(9), 2, 6).requiresGrad(true);
        Tensor gy = Tensor.of(Nd4j.ones(DataType.DOUBLE, 3, 4));
        try (MemoryScope scope = MemoryScope.open()) {
            x.reshape(3, 4).backward(gy);
        }
        assertFalse(gy.isFreed(), "gy is the caller's; a reshape passes a view of it back");
        assertEquals(12.0, gy.data().sumNumber().doubleValue(), 0.0);
        assertEquals(12.0, x.grad().data().sumNumber().doubleValue(), 0.0);
    }
}
