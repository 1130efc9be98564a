package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.TrainingOpGradCheckTest.Case;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.Tensors;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class weights, any ignore index and positive-class weights in the losses: PyTorch's golden
 * values and input gradients (float64, 1e-10), gradient checks of first and second order, and
 * the rejected configurations.
 */
class LossOptionsTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> cases() {
        return Golden.cases("parity_training_cases", "cross_entropy_weighted", "nll_loss", "bce_with_logits_weighted");
    }

    static Reduction reduction(GoldenCase c) {
        return Reduction.valueOf(c.params().get("reduction").asText().toUpperCase(Locale.ROOT));
    }

    static ClassLossOptions classOptions(GoldenCase c) {
        INDArray w = c.tensor("weight");
        return ClassLossOptions.defaults().withReduction(reduction(c)).withIgnoreIndex(c.intParam("ignore_index"))
                .withWeight(w == null ? null : Tensor.of(w))
                .withLabelSmoothing(c.params().has("label_smoothing") ? c.doubleParam("label_smoothing") : 0);
    }

    static boolean softTargets(GoldenCase c) {
        return c.json().get("tags").toString().contains("soft_targets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndGradientMatchPyTorch(GoldenCase c) {
        String inputName = c.op().equals("nll_loss") ? "input" : "logits";
        Tensor in = Tensor.of(c.tensor(inputName)).requiresGrad(true);
        Tensor loss = switch (c.op()) {
            case "cross_entropy_weighted" -> softTargets(c)
                    ? F.crossEntropy(in, Tensor.of(c.tensor("target")), classOptions(c))
                    : F.crossEntropy(in, c.tensor("target", DataType.LONG), classOptions(c));
            case "nll_loss" -> F.nllLoss(in, c.tensor("target", DataType.LONG), classOptions(c));
            default -> F.binaryCrossEntropyWithLogits(in, Tensor.of(c.tensor("target")),
                    BinaryCrossEntropyOptions.defaults().withReduction(reduction(c))
                            .withWeight(c.tensor("weight") == null ? null : Tensor.of(c.tensor("weight")))
                            .withPosWeight(c.tensor("pos_weight") == null ? null : Tensor.of(c.tensor("pos_weight"))));
        };
        assertAllClose(c.tensor("loss"), loss.data(), TOL, c.id() + " loss");
        loss.backward(c.tensor("gloss"));
        assertAllClose(c.tensor("g" + inputName), in.grad().data(), TOL, c.id() + " g" + inputName);
    }

    private static final INDArray TARGETS = Nd4j.createFromArray(2L, 0L, 3L, 1L, 0L);
    private static final INDArray SPATIAL = Nd4j.createFromArray(new long[][] {{0, 2, 1}, {1, -1, 2}});
    private static final Tensor W4 = Tensor.of(Nd4j.createFromArray(0.5, 2.0, 1.0, 3.0));
    private static final Tensor W3 = Tensor.of(Nd4j.createFromArray(1.5, 0.5, 2.0));

    static Stream<Case> gradCases() {
        ClassLossOptions weighted = ClassLossOptions.defaults().withWeight(W4).withIgnoreIndex(3);
        BinaryCrossEntropyOptions bce = BinaryCrossEntropyOptions.defaults();
        return Stream.of(
                new Case("crossEntropy weight ignore mean", in -> F.crossEntropy(in[0], TARGETS, weighted),
                        new long[][] {{5, 4}}, true),
                new Case("crossEntropy weight smoothing none", in -> F.crossEntropy(in[0], TARGETS,
                        weighted.withLabelSmoothing(0.2).withReduction(Reduction.NONE)), new long[][] {{5, 4}}, false),
                new Case("crossEntropy spatial weight ignore", in -> F.crossEntropy(in[0], SPATIAL, ClassLossOptions
                        .defaults().withWeight(W3).withIgnoreIndex(-1).withLabelSmoothing(0.1)),
                        new long[][] {{2, 3, 3}}, true),
                new Case("crossEntropy soft targets weight", in -> F.crossEntropy(in[0], F.softmax(in[1], 1),
                        ClassLossOptions.defaults().withWeight(W4)), new long[][] {{2, 4}, {2, 4}}, false),
                new Case("nllLoss weight ignore", in -> F.nllLoss(F.logSoftmax(in[0], 1), TARGETS,
                        weighted.withIgnoreIndex(0)), new long[][] {{5, 4}}, true),
                new Case("bce posWeight weight", in -> F.binaryCrossEntropyWithLogits(in[0].mul(3), F.sigmoid(in[1]),
                        bce.withPosWeight(W4).withWeight(W4.mul(0.5))), new long[][] {{2, 4}, {2, 4}}, true),
                new Case("bce posWeight sum", in -> F.binaryCrossEntropyWithLogits(in[0], F.sigmoid(in[1]),
                        bce.withPosWeight(W3.reshape(3, 1)).withReduction(Reduction.SUM)),
                        new long[][] {{3, 2}, {3, 2}}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradCases")
    void gradients(Case c) {
        GradCheck.assertGradients(c.f(), c.inputs());
    }

    /** Second order on one case of each loss (the others share their backward code). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gradCases")
    void secondOrderGradients(Case c) {
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(c.f(), c.inputs());
        }
    }

    @Test
    void badOptionsNameTheProblem() {
        Tensor z = Tensors.randn(new SplittableRandom(1), 5, 4);
        assertMessage(() -> F.crossEntropy(z, TARGETS, ClassLossOptions.defaults().withWeight(W3)), "weight");
        assertMessage(() -> F.crossEntropy(z, TARGETS, ClassLossOptions.defaults()
                .withWeight(Tensor.of(W4.data().castTo(DataType.FLOAT)))), "FLOAT");
        assertMessage(() -> ClassLossOptions.defaults().withWeight(Tensor.of(Nd4j.ones(DataType.DOUBLE, 2, 2))),
                "1-D");
        assertMessage(() -> F.crossEntropy(z, Nd4j.createFromArray(2L, 0L, -100L, 1L, 0L),
                ClassLossOptions.defaults().withIgnoreIndex(0)), "-100");
        assertMessage(() -> F.nllLoss(z, TARGETS, ClassLossOptions.defaults().withLabelSmoothing(0.1)),
                "label smoothing");
        assertMessage(() -> F.binaryCrossEntropyWithLogits(z, z, BinaryCrossEntropyOptions.defaults()
                .withPosWeight(W3)), "posWeight");
        assertMessage(() -> F.binaryCrossEntropyWithLogits(z, z, BinaryCrossEntropyOptions.defaults()
                .withWeight(Tensor.of(Nd4j.ones(DataType.DOUBLE, 2, 5, 4)))), "weight");
        assertMessage(() -> F.crossEntropy(z, TARGETS, (ClassLossOptions) null), "options");
    }

    private static void assertMessage(Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
