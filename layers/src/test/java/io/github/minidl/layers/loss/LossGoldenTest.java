package io.github.minidl.layers.loss;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The loss objects reproduce PyTorch's golden losses and input gradients (float64, 1e-10),
 * also with class weights, ignore indices and positive-class weights.
 */
class LossGoldenTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> cases() {
        return Golden.cases("training_cases", "cross_entropy", "mse_loss", "bce_with_logits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndGradientMatchPyTorch(GoldenCase c) {
        String inputName = c.op().equals("mse_loss") ? "input" : "logits";
        Tensor in = Tensor.of(c.tensor(inputName)).requiresGrad(true);
        Tensor loss = switch (c.op()) {
            case "cross_entropy" -> new CrossEntropyLoss()
                    .withReduction(Reduction.valueOf(c.params().get("reduction").asText().toUpperCase(Locale.ROOT)))
                    .withLabelSmoothing(c.doubleParam("label_smoothing"))
                    .forward(in, c.tensor("target", DataType.LONG));
            case "mse_loss" -> new MSELoss().forward(in, Tensor.of(c.tensor("target")));
            case "bce_with_logits" -> new BCEWithLogitsLoss().forward(in, Tensor.of(c.tensor("target")));
            default -> throw new IllegalArgumentException(c.op());
        };
        assertEquals(c.scalar("loss"), loss.item(), TOL, c.id() + " loss");
        loss.backward();
        assertAllClose(c.tensor("g" + inputName), in.grad().data(), TOL, c.id() + " g" + inputName);
    }

    static Stream<GoldenCase> weightedCases() {
        return Golden.cases("parity_training_cases", "cross_entropy_weighted", "nll_loss", "bce_with_logits_weighted");
    }

    private static Tensor optional(GoldenCase c, String name) {
        return c.tensor(name) == null ? null : Tensor.of(c.tensor(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weightedCases")
    void weightedLossesMatchPyTorch(GoldenCase c) {
        String inputName = c.op().equals("nll_loss") ? "input" : "logits";
        Tensor in = Tensor.of(c.tensor(inputName)).requiresGrad(true);
        Reduction r = Reduction.valueOf(c.params().get("reduction").asText().toUpperCase(Locale.ROOT));
        boolean soft = c.json().get("tags").toString().contains("soft_targets");
        Tensor target = soft || c.op().startsWith("bce") ? Tensor.of(c.tensor("target"))
                : Tensor.of(c.tensor("target", DataType.LONG));
        Loss loss = switch (c.op()) {
            case "cross_entropy_weighted" -> new CrossEntropyLoss().withReduction(r).withWeight(optional(c, "weight"))
                    .withIgnoreIndex(c.intParam("ignore_index")).withLabelSmoothing(c.doubleParam("label_smoothing"));
            case "nll_loss" -> new NLLLoss().withReduction(r).withWeight(optional(c, "weight"))
                    .withIgnoreIndex(c.intParam("ignore_index"));
            default -> new BCEWithLogitsLoss(r).withWeight(optional(c, "weight"))
                    .withPosWeight(optional(c, "pos_weight"));
        };
        Tensor value = loss.forward(in, target);
        assertAllClose(c.tensor("loss"), value.data(), TOL, c.id() + " loss");
        value.backward(c.tensor("gloss"));
        assertAllClose(c.tensor("g" + inputName), in.grad().data(), TOL, c.id() + " g" + inputName);
    }
}
