package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.testing.ArrayAssert;
import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient and second-order checks of pooling, batch norm, dropout, padding and the losses. */
class TrainingOpGradCheckTest {
    private static final INDArray TARGETS = Nd4j.createFromArray(2L, 0L, 3L);
    private static final INDArray TARGETS_IGNORED = Nd4j.createFromArray(1L, -100L, 3L);
    private static final INDArray SPATIAL_TARGETS = Nd4j.createFromArray(new long[][] {{0, 2}, {1, 1}});

    /** An op, its input shapes and whether its backward is differentiable again. */
    record Case(String name, Function<Tensor[], Tensor> f, long[][] shapes, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }

        Tensor[] inputs() {
            var rng = new SplittableRandom(name.hashCode());
            Tensor[] t = new Tensor[shapes.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = Tensors.randn(rng, shapes[i]);
            }
            return t;
        }
    }

    private static long[][] shapes(long[]... s) {
        return s;
    }

    private static long[] s(long... d) {
        return d;
    }

    static Stream<Case> cases() {
        PoolSpec overlapping = PoolSpec.builder(3).stride(2).padding(1).build();
        PoolSpec ceilDilated = PoolSpec.builder(2).stride(2).dilation(2).ceilMode(true).build();
        PoolSpec excludePad = PoolSpec.builder(new int[] {3, 2}).stride(new int[] {2, 1}).padding(1)
                .countIncludePad(false).ceilMode(true).build();
        return Stream.of(
            new Case("maxPool2d overlapping", in -> F.maxPool2d(in[0], overlapping), shapes(s(2, 2, 5, 5)), true),
            new Case("maxPool2d ceil dilated", in -> F.maxPool2d(in[0], ceilDilated), shapes(s(1, 2, 6, 5)), true),
            new Case("maxPool2d 2x2 odd size", in -> F.maxPool2d(in[0], 2), shapes(s(2, 2, 5, 7)), true),
            new Case("avgPool2d", in -> F.avgPool2d(in[0], 2), shapes(s(2, 2, 4, 5)), true),
            new Case("avgPool2d exclude pad ceil", in -> F.avgPool2d(in[0], excludePad), shapes(s(1, 2, 5, 4)), true),
            new Case("adaptiveAvgPool2d overlapping bins", in -> F.adaptiveAvgPool2d(in[0], 3, 2), shapes(s(2, 2, 7, 5)), true),
            new Case("batchNorm train", in -> F.batchNorm(in[0], null, null, in[1], in[2], BatchNormOptions.train()),
                    shapes(s(3, 2, 2, 3), s(2), s(2)), true),
            new Case("batchNorm train 2d", in -> F.batchNorm(in[0], null, null, in[1], null, BatchNormOptions.train()),
                    shapes(s(4, 3), s(3)), true),
            new Case("batchNorm eval", in -> F.batchNorm(in[0], Tensor.of(Nd4j.createFromArray(0.1, -0.2)),
                    Tensor.of(Nd4j.createFromArray(0.5, 2.0)), in[1], in[2], BatchNormOptions.eval()),
                    shapes(s(2, 2, 3, 2), s(2), s(2)), true),
            new Case("dropout", in -> F.dropout(in[0], 0.4, 42L), shapes(s(3, 4)), true),
            new Case("pad constant", in -> F.pad(in[0], new int[] {1, 2, 0, 1}, PadMode.CONSTANT, 0.5),
                    shapes(s(1, 2, 3, 3)), true),
            new Case("pad reflect", in -> F.pad(in[0], new int[] {2, 1, 1, 2}, PadMode.REFLECT, 0),
                    shapes(s(1, 2, 3, 4)), true),
            new Case("pad replicate", in -> F.pad(in[0], new int[] {2, 1, 3, 0}, PadMode.REPLICATE, 0),
                    shapes(s(1, 1, 3, 3)), true),
            new Case("pad circular", in -> F.pad(in[0], new int[] {3, 1, 2, 2}, PadMode.CIRCULAR, 0),
                    shapes(s(2, 1, 3, 3)), true),
            new Case("crossEntropy mean", in -> F.crossEntropy(in[0], TARGETS), shapes(s(3, 4)), true),
            new Case("crossEntropy sum smoothing", in -> F.crossEntropy(in[0], TARGETS, Reduction.SUM, 0.2),
                    shapes(s(3, 4)), true),
            new Case("crossEntropy ignore index", in -> F.crossEntropy(in[0], TARGETS_IGNORED, Reduction.MEAN, 0.1),
                    shapes(s(3, 4)), true),
            new Case("crossEntropy spatial none", in -> F.crossEntropy(in[0], SPATIAL_TARGETS, Reduction.NONE, 0),
                    shapes(s(2, 3, 2)), true),
            new Case("crossEntropy none ignore index", in -> F.crossEntropy(in[0], TARGETS_IGNORED, Reduction.NONE, 0.3)
                    .mul(Tensor.of(Nd4j.createFromArray(0.5, -1.0, 2.0))), shapes(s(3, 4)), true),
            new Case("crossEntropy soft targets", in -> F.crossEntropy(in[0], F.softmax(in[1], 1), Reduction.MEAN, 0.1),
                    shapes(s(3, 4), s(3, 4)), true),
            new Case("nllLoss", in -> F.nllLoss(F.logSoftmax(in[0], 1), TARGETS, Reduction.SUM), shapes(s(3, 4)), true),
            new Case("mseLoss", in -> F.mseLoss(in[0], in[1]), shapes(s(3, 2), s(3, 2)), true),
            new Case("mseLoss none", in -> F.mseLoss(in[0], in[1], Reduction.NONE), shapes(s(4), s(4)), true),
            new Case("bceWithLogits", in -> F.binaryCrossEntropyWithLogits(in[0].mul(3), F.sigmoid(in[1])),
                    shapes(s(2, 3), s(2, 3)), true),
            new Case("bceWithLogits sum", in -> F.binaryCrossEntropyWithLogits(in[0], F.sigmoid(in[1]), Reduction.SUM),
                    shapes(s(5), s(5)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradients(Case c) {
        GradCheck.assertGradients(c.f(), c.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrderGradients(Case c) {
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(c.f(), c.inputs());
        }
    }

    @Test
    void dropoutIsSeededAndScalesTheSurvivors() {
        Tensor x = Tensor.ones(DataType.DOUBLE, 1000);
        Tensor a = F.dropout(x, 0.3, 7L);
        Tensor b = F.dropout(x, 0.3, 7L);
        assertBitEqual(a.data(), b.data(), "same seed");
        double kept = a.data().gt(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        assertEquals(700, kept, 60);
        assertEquals(1 / 0.7, a.data().maxNumber().doubleValue(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> F.dropout(x, 1.5, 1L));
    }

    /** The mask follows the generator's stream, one draw per element in c order, in either dtype. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void dropoutMaskIsOneDrawPerElementInOrder(DataType type) {
        Tensor x = Tensor.of(Nd4j.rand(DataType.DOUBLE, 6, 5, 7).castTo(type));
        var rng = new SplittableRandom(11);
        double[] mask = new double[6 * 5 * 7];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < 0.75 ? 1 / 0.75 : 0;
        }
        INDArray expected = x.data().mul(Nd4j.create(mask, new long[] {6, 5, 7}, 'c').castTo(type));
        assertBitEqual(expected, F.dropout(x, 0.25, new SplittableRandom(11)).data(), type.toString());
    }

    @Test
    void batchNormTrainingNeedsMoreThanOneValuePerChannel() {
        Tensor x = Tensor.zeros(DataType.DOUBLE, 1, 3, 1, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> F.batchNorm(x, null, null, null, null, BatchNormOptions.train()));
        assertTrue(e.getMessage().contains("more than one value"), e.getMessage());
    }

    @Test
    void paddingRulesNameTheProblem() {
        Tensor x = Tensor.zeros(DataType.DOUBLE, 1, 1, 2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> F.pad(x, new int[] {2, 0}, PadMode.REFLECT, 0));
        assertTrue(e.getMessage().contains("reflect"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.pad(x, new int[] {3, 0}, PadMode.CIRCULAR, 0));
        assertThrows(IllegalArgumentException.class, () -> F.pad(x, 1, 2, 3));
        assertEquals(5, F.pad(x, new int[] {2, 1}, PadMode.REPLICATE, 0).size(3));
    }

    @Test
    void crossEntropyRejectsOutOfRangeTargets() {
        Tensor z = Tensor.zeros(DataType.DOUBLE, 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(z, Nd4j.createFromArray(0L, 3L)));
        assertTrue(e.getMessage().contains("target 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(z, Nd4j.createFromArray(0L, 1L, 2L)));
    }

    /** The one-op [N, C] cross-entropy equals the composed NLL of log-softmax, in float32 too, weighted or not. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void crossEntropyOfAMatrixEqualsTheComposedForm(boolean weighted) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (Reduction r : Reduction.values()) {
                Tensor z = Tensors.randn(new SplittableRandom(9), type, 3, 4).requiresGrad(true);
                Tensor w = weighted ? Tensor.of(Nd4j.createFromArray(0.5, 2.0, 1.0, 3.0).castTo(type)) : null;
                ClassLossOptions o = ClassLossOptions.defaults().withReduction(r).withLabelSmoothing(0.1).withWeight(w);
                Tensor fused = F.crossEntropy(z, TARGETS_IGNORED, o);
                Tensor composed = Losses.nllOf(F.logSoftmax(z, 1), TARGETS_IGNORED, o, "nll");
                assertEquals(type, fused.dataType());
                double tol = type == DataType.DOUBLE ? 1e-12 : 1e-5;
                ArrayAssert.assertAllClose(composed.data(), fused.data(), tol, r + " " + type + " loss");
                fused.sum().backward();
                INDArray fusedGrad = z.grad().data().dup();
                z.setGrad(null);
                composed.sum().backward();
                ArrayAssert.assertAllClose(z.grad().data(), fusedGrad, tol, r + " " + type + " gradient");
            }
        }
    }

    @Test
    void pooledFloat32StaysFloat32AndTrainsThrough() {
        Tensor x = Tensors.randn(new SplittableRandom(3), DataType.FLOAT, 2, 3, 4, 4).requiresGrad(true);
        Tensor y = F.adaptiveAvgPool2d(F.maxPool2d(x, 2), 1, 1).add(F.avgPool2d(x, 4));
        assertEquals(DataType.FLOAT, y.dataType());
        y.sum().backward();
        assertEquals(DataType.FLOAT, x.grad().dataType());
    }
}
