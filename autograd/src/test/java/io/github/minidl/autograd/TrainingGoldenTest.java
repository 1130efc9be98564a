package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The functional golden cases of pooling, batch norm, linear, losses and activations through F. */
class TrainingGoldenTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> maxPool() {
        return Golden.cases("training_cases", "max_pool2d");
    }

    static Stream<GoldenCase> avgPool() {
        return Golden.cases("training_cases", "avg_pool2d");
    }

    static Stream<GoldenCase> adaptive() {
        return Golden.cases("training_cases", "adaptive_avg_pool2d");
    }

    static Stream<GoldenCase> batchNorm() {
        return Golden.cases("training_cases", "batch_norm2d");
    }

    static Stream<GoldenCase> linear() {
        return Golden.cases("training_cases", "linear");
    }

    static Stream<GoldenCase> crossEntropy() {
        return Golden.cases("training_cases", "cross_entropy");
    }

    static Stream<GoldenCase> mse() {
        return Golden.cases("training_cases", "mse_loss");
    }

    static Stream<GoldenCase> bce() {
        return Golden.cases("training_cases", "bce_with_logits");
    }

    static Stream<GoldenCase> activations() {
        return Golden.cases("training_cases", "softmax", "log_softmax", "gelu", "leaky_relu");
    }

    static Stream<GoldenCase> paddedConv() {
        return Golden.cases("training_cases", "conv2d_padding_mode");
    }

    static Tensor param(GoldenCase c, String name) {
        INDArray a = c.tensor(name);
        return a == null ? null : Tensor.of(a).requiresGrad(true);
    }

    static INDArray gradOf(Tensor t) {
        return t == null ? null : t.grad().data();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPool")
    void maxPool2d(GoldenCase c) {
        Tensor x = param(c, "x");
        MaxPool2dResult r = F.maxPool2dWithIndices(x, c.poolSpec());
        assertAllClose(c.tensor("y"), r.values().data(), 0, "y");
        assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(), "indices");
        r.values().backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPool")
    void avgPool2d(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor y = F.avgPool2d(x, c.poolSpec());
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptive")
    void adaptiveAvgPool2d(GoldenCase c) {
        Tensor x = param(c, "x");
        int[] o = c.ints("output_size");
        Tensor y = F.adaptiveAvgPool2d(x, o[0], o[1]);
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNorm")
    void batchNorm2d(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        Tensor runningMean = Tensor.of(c.tensor("running_mean"));
        Tensor runningVar = Tensor.of(c.tensor("running_var"));
        boolean training = c.boolParam("training");
        BatchNormOptions o = (training ? BatchNormOptions.train() : BatchNormOptions.eval())
                .withMomentum(c.doubleParam("momentum")).withEps(c.doubleParam("eps"));
        Tensor y = F.batchNorm(x, runningMean, runningVar, w, b, o);
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        if (training) {
            assertAllClose(c.tensor("running_mean_after"), runningMean.data(), TOL, "running_mean_after");
            assertAllClose(c.tensor("running_var_after"), runningVar.data(), TOL, "running_var_after");
        } else {
            assertAllClose(c.tensor("running_mean"), runningMean.data(), 0, "running_mean unchanged");
            assertAllClose(c.tensor("running_var"), runningVar.data(), 0, "running_var unchanged");
        }
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gweight"), gradOf(w), TOL, "gweight");
        assertAllClose(c.tensor("gbias"), gradOf(b), TOL, "gbias");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linear")
    void linearLayer(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        Tensor y = F.linear(x, w, b);
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gw"), gradOf(w), TOL, "gw");
        assertAllClose(c.tensor("gb"), gradOf(b), TOL, "gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossEntropy")
    void crossEntropyLoss(GoldenCase c) {
        Tensor z = param(c, "logits");
        Reduction r = c.params().get("reduction").asText().equals("sum") ? Reduction.SUM : Reduction.MEAN;
        Tensor loss = F.crossEntropy(z, c.tensor("target", DataType.LONG), r, c.doubleParam("label_smoothing"));
        assertEquals(c.scalar("loss"), loss.item(), TOL, "loss");
        loss.backward();
        assertAllClose(c.tensor("glogits"), gradOf(z), TOL, "glogits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mse")
    void mseLoss(GoldenCase c) {
        Tensor in = param(c, "input");
        Tensor loss = F.mseLoss(in, Tensor.of(c.tensor("target")));
        assertEquals(c.scalar("loss"), loss.item(), TOL, "loss");
        loss.backward();
        assertAllClose(c.tensor("ginput"), gradOf(in), TOL, "ginput");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bce")
    void bceWithLogits(GoldenCase c) {
        Tensor z = param(c, "logits");
        Tensor loss = F.binaryCrossEntropyWithLogits(z, Tensor.of(c.tensor("target")));
        assertEquals(c.scalar("loss"), loss.item(), TOL, "loss");
        loss.backward();
        assertAllClose(c.tensor("glogits"), gradOf(z), TOL, "glogits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activation(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor y = switch (c.op()) {
            case "softmax" -> F.softmax(x, c.intParam("dim"));
            case "log_softmax" -> F.logSoftmax(x, c.intParam("dim"));
            case "gelu" -> F.gelu(x, c.params().get("approximate").asText().equals("tanh")
                    ? GeluApproximation.TANH : GeluApproximation.NONE);
            default -> F.leakyRelu(x, c.doubleParam("negative_slope"));
        };
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paddedConv")
    void padThenConvolve(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        int[] p = c.ints("padding");
        PadMode mode = PadMode.valueOf(c.params().get("padding_mode").asText().toUpperCase());
        Tensor padded = F.pad(x, new int[] {p[1], p[1], p[0], p[0]}, mode, 0);
        assertAllClose(c.tensor("x_padded"), padded.data(), 0, "x_padded");
        Tensor y = F.conv2d(padded, w, b, c.ints("stride"), new int[] {0, 0}, c.ints("dilation"), c.intParam("groups"));
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gw"), gradOf(w), TOL, "gw");
        assertAllClose(c.tensor("gb"), gradOf(b), TOL, "gb");
    }
}
