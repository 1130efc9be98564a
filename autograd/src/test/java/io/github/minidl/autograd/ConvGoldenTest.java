package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.ConvErrorMessages;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every PyTorch convolution case through the public F API and backward: outputs and all gradients. */
class ConvGoldenTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> conv2dCases() {
        return Golden.cases("conv_cases", "conv2d");
    }

    static Stream<GoldenCase> convTranspose2dCases() {
        return Golden.cases("conv_cases", "conv_transpose2d");
    }

    static Stream<GoldenCase> separableCases() {
        return Golden.cases("conv_cases", "depthwise_separable_conv2d");
    }

    static Stream<GoldenCase> chainCases() {
        return Golden.cases("conv_cases", "conv2d_then_conv_transpose2d");
    }

    static Stream<GoldenCase> functionalErrors() {
        return Golden.cases("conv_errors").filter(c -> c.json().get("api").asText().equals("functional"));
    }

    private static Tensor param(GoldenCase c, String name) {
        INDArray a = c.tensor(name);
        return a == null ? null : Tensor.of(a).requiresGrad(true);
    }

    private static INDArray gradOf(Tensor t) {
        return t == null ? null : t.grad().data();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv2dCases")
    void conv2dMatchesPyTorch(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        Tensor y = F.conv2d(x, w, b, c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.intParam("groups"));
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gw"), gradOf(w), TOL, "gw");
        assertAllClose(c.tensor("gb"), gradOf(b), TOL, "gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convTranspose2dCases")
    void convTranspose2dMatchesPyTorch(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        Tensor y = F.convTranspose2d(x, w, b, c.ints("stride"), c.ints("padding"), c.ints("output_padding"),
                c.intParam("groups"), c.ints("dilation"));
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gw"), gradOf(w), TOL, "gw");
        assertAllClose(c.tensor("gb"), gradOf(b), TOL, "gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separableCases")
    void depthwiseSeparableMatchesPyTorch(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor dw = param(c, "dw_weight");
        Tensor db = param(c, "dw_bias");
        Tensor pw = param(c, "pw_weight");
        Tensor pb = param(c, "pw_bias");
        Tensor yDw = F.conv2d(x, dw, db, c.ints("stride"), c.ints("padding"), c.ints("dilation"),
                c.intParam("in_channels"));
        Tensor y = F.conv2d(yDw, pw, pb);
        assertAllClose(c.tensor("y_dw"), yDw.data(), TOL, "y_dw");
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gw_dw"), gradOf(dw), TOL, "gw_dw");
        assertAllClose(c.tensor("gb_dw"), gradOf(db), TOL, "gb_dw");
        assertAllClose(c.tensor("gw_pw"), gradOf(pw), TOL, "gw_pw");
        assertAllClose(c.tensor("gb_pw"), gradOf(pb), TOL, "gb_pw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainCases")
    void convThenTransposeSharesTheWeightAndRestoresTheShape(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor y = F.conv2d(x, w, null, c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.intParam("groups"));
        Tensor z = F.convTranspose2d(y, w, null, c.ints("stride"), c.ints("padding"), c.ints("output_padding"),
                c.intParam("groups"), c.ints("dilation"));
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        assertAllClose(c.tensor("z"), z.data(), TOL, "z");
        Tensor[] g = Autograd.grad(new Tensor[] {z}, new Tensor[] {Tensor.of(c.tensor("gz"))},
                new Tensor[] {y, x, w}, BackwardOptions.defaults());
        assertAllClose(c.tensor("gy"), g[0].data(), TOL, "gy");
        assertAllClose(c.tensor("gx"), g[1].data(), TOL, "gx");
        assertAllClose(c.tensor("gw"), g[2].data(), TOL, "gw");

        double dotConvY = y.data().mul(y.data()).sumNumber().doubleValue();
        double dotXZ = x.data().mul(z.data()).sumNumber().doubleValue();
        assertEquals(c.scalar("dot_conv_y"), dotConvY, 1e-9 * Math.max(1, Math.abs(dotConvY)));
        assertEquals(c.scalar("dot_x_z"), dotXZ, 1e-9 * Math.max(1, Math.abs(dotXZ)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionalErrors")
    void rejectedConfigurationsThrowIllegalArgument(GoldenCase c) {
        Tensor x = Tensor.of(Nd4j.zeros(DataType.DOUBLE, c.shape("x_shape")));
        Tensor w = Tensor.of(Nd4j.zeros(DataType.DOUBLE, c.shape("weight_shape")));
        long[] bs = c.shape("bias_shape");
        Tensor b = bs == null ? null : Tensor.of(Nd4j.zeros(DataType.DOUBLE, bs));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            if (c.op().equals("conv2d")) {
                F.conv2d(x, w, b, c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.intParam("groups"));
            } else {
                F.convTranspose2d(x, w, b, c.ints("stride"), c.ints("padding"), c.ints("output_padding"),
                        c.intParam("groups"), c.ints("dilation"));
            }
        });
        assertTrue(e.getMessage().contains(ConvErrorMessages.functional(c.id())), c.id() + ": " + e.getMessage());
    }
}
