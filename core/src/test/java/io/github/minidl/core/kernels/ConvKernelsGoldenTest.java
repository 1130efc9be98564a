package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every PyTorch float64 convolution case through the kernels: outputs and all gradients. */
class ConvKernelsGoldenTest {
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

    static ConvSpec conv2dSpec(GoldenCase c, INDArray x, INDArray w, INDArray b) {
        return ConvArguments.conv2d(x.shape(), w.shape(), b == null ? null : b.shape(),
                c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.intParam("groups"));
    }

    static TransposedConvSpec convTranspose2dSpec(GoldenCase c, INDArray x, INDArray w, INDArray b) {
        return ConvArguments.convTranspose2d(x.shape(), w.shape(), b == null ? null : b.shape(),
                c.ints("stride"), c.ints("padding"), c.ints("output_padding"), c.intParam("groups"),
                c.ints("dilation"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv2dCases")
    void conv2dMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        INDArray w = c.tensor("weight");
        INDArray b = c.tensor("bias");
        INDArray gy = c.tensor("gy");
        ConvSpec s = conv2dSpec(c, x, w, b);

        assertAllClose(c.tensor("y"), ConvKernels.conv2d(x, w, b, s), TOL, "y");
        // The input gradient of conv2d is the transposed convolution with the same weight.
        INDArray gx = ConvKernels.convTranspose2d(gy, w, null, s.transposeOf((int) x.size(2), (int) x.size(3)));
        assertAllClose(c.tensor("gx"), gx, TOL, "gx");
        assertAllClose(c.tensor("gw"), ConvKernels.conv2dWeightGrad(x, gy, s), TOL, "gw");
        if (b != null) {
            assertAllClose(c.tensor("gb"), ConvKernels.biasGrad(gy), TOL, "gb");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convTranspose2dCases")
    void convTranspose2dMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        INDArray w = c.tensor("weight");
        INDArray b = c.tensor("bias");
        INDArray gy = c.tensor("gy");
        TransposedConvSpec s = convTranspose2dSpec(c, x, w, b);

        assertAllClose(c.tensor("y"), ConvKernels.convTranspose2d(x, w, b, s), TOL, "y");
        // The input gradient of the transposed convolution is an ordinary convolution.
        int[] inputSize = {(int) x.size(2), (int) x.size(3)};
        assertAllClose(c.tensor("gx"), ConvKernels.conv2d(gy, w, null, s.adjoint(), inputSize), TOL, "gx");
        assertAllClose(c.tensor("gw"), ConvKernels.convTranspose2dWeightGrad(x, gy, s), TOL, "gw");
        if (b != null) {
            assertAllClose(c.tensor("gb"), ConvKernels.biasGrad(gy), TOL, "gb");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separableCases")
    void depthwiseSeparableMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        INDArray dw = c.tensor("dw_weight");
        INDArray db = c.tensor("dw_bias");
        INDArray pw = c.tensor("pw_weight");
        INDArray pb = c.tensor("pw_bias");
        int channels = c.intParam("in_channels");
        ConvSpec depthwise = ConvArguments.conv2d(x.shape(), dw.shape(), db == null ? null : db.shape(),
                c.ints("stride"), c.ints("padding"), c.ints("dilation"), channels);
        INDArray yDw = ConvKernels.conv2d(x, dw, db, depthwise);
        assertAllClose(c.tensor("y_dw"), yDw, TOL, "y_dw");
        ConvSpec pointwise = ConvArguments.conv2d(yDw.shape(), pw.shape(), pb == null ? null : pb.shape(),
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1);
        assertAllClose(c.tensor("y"), ConvKernels.conv2d(yDw, pw, pb, pointwise), TOL, "y");

        INDArray gy = c.tensor("gy");
        INDArray gyDw = ConvKernels.convTranspose2d(gy, pw, null, pointwise.transposeOf((int) yDw.size(2), (int) yDw.size(3)));
        assertAllClose(c.tensor("gw_pw"), ConvKernels.conv2dWeightGrad(yDw, gy, pointwise), TOL, "gw_pw");
        INDArray gx = ConvKernels.convTranspose2d(gyDw, dw, null, depthwise.transposeOf((int) x.size(2), (int) x.size(3)));
        assertAllClose(c.tensor("gx"), gx, TOL, "gx");
        assertAllClose(c.tensor("gw_dw"), ConvKernels.conv2dWeightGrad(x, gyDw, depthwise), TOL, "gw_dw");
        if (db != null) {
            assertAllClose(c.tensor("gb_dw"), ConvKernels.biasGrad(gyDw), TOL, "gb_dw");
        }
        if (pb != null) {
            assertAllClose(c.tensor("gb_pw"), ConvKernels.biasGrad(gy), TOL, "gb_pw");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainCases")
    void convThenTransposeRestoresShapeAndIsAdjoint(GoldenCase c) {
        INDArray x = c.tensor("x");
        INDArray w = c.tensor("weight");
        ConvSpec conv = conv2dSpec(c, x, w, null);
        TransposedConvSpec back = conv.transposeOf((int) x.size(2), (int) x.size(3));
        assertEquals(c.ints("output_padding")[0], back.outputPadding(0));
        assertEquals(c.ints("output_padding")[1], back.outputPadding(1));

        INDArray y = ConvKernels.conv2d(x, w, null, conv);
        INDArray z = ConvKernels.convTranspose2d(y, w, null, back);
        assertAllClose(c.tensor("y"), y, TOL, "y");
        assertAllClose(c.tensor("z"), z, TOL, "z");

        INDArray gz = c.tensor("gz");
        INDArray gy = ConvKernels.conv2d(gz, w, null, back.adjoint());
        assertAllClose(c.tensor("gy"), gy, TOL, "gy");
        assertAllClose(c.tensor("gx"), ConvKernels.convTranspose2d(gy, w, null, back), TOL, "gx");
        INDArray gwConv = ConvKernels.conv2dWeightGrad(x, gy, conv);
        INDArray gwTranspose = ConvKernels.convTranspose2dWeightGrad(y, gz, back);
        assertAllClose(c.tensor("gw_from_conv2d"), gwConv, TOL, "gw_from_conv2d");
        assertAllClose(c.tensor("gw_from_conv_transpose2d"), gwTranspose, TOL, "gw_from_conv_transpose2d");
        assertAllClose(c.tensor("gw"), gwConv.add(gwTranspose), TOL, "gw");

        double dotConvY = y.mul(y).sumNumber().doubleValue();
        double dotXZ = x.mul(z).sumNumber().doubleValue();
        assertEquals(c.scalar("dot_conv_y"), dotConvY, 1e-9 * Math.max(1, Math.abs(dotConvY)));
        assertEquals(dotConvY, dotXZ, 1e-9 * Math.max(1, Math.abs(dotConvY)));
    }
}
