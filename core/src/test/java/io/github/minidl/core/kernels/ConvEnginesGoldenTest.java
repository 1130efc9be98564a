package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every PyTorch convolution case through every engine under test in float32: outputs and gradients. */
class ConvEnginesGoldenTest {
    // float32 rounding of sums over up to a few hundred products of values of order 1.
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    static Stream<Arguments> conv2dCases() {
        return withEngines(ConvKernelsGoldenTest.conv2dCases());
    }

    static Stream<Arguments> convTranspose2dCases() {
        return withEngines(ConvKernelsGoldenTest.convTranspose2dCases());
    }

    private static Stream<Arguments> withEngines(Stream<GoldenCase> cases) {
        return cases.flatMap(c -> EnginesUnderTest.all().keySet().stream().map(e -> Arguments.of(e, c)));
    }

    private static ConvEngine engine(String label) {
        return EnginesUnderTest.named(label);
    }

    /** The case's x, weight, bias (or null) and gy in float32. */
    private static INDArray[] f32(GoldenCase c) {
        String[] names = {"x", "weight", "bias", "gy"};
        INDArray[] out = new INDArray[names.length];
        for (int i = 0; i < names.length; i++) {
            INDArray a = c.tensor(names[i]);
            out[i] = a == null ? null : a.castTo(DataType.FLOAT);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("conv2dCases")
    void conv2dMatchesPyTorch(String engine, GoldenCase c) {
        INDArray[] a = f32(c);
        INDArray x = a[0];
        INDArray w = a[1];
        INDArray b = a[2];
        INDArray gy = a[3];
        ConvSpec s = ConvKernelsGoldenTest.conv2dSpec(c, x, w, b);
        TransposedConvSpec back = s.transposeOf((int) x.size(2), (int) x.size(3));
        ConvKernels.using(engine(engine), () -> {
            assertAllClose(c.tensor("y"), ConvKernels.conv2d(x, w, b, s), ATOL, RTOL, "y");
            assertAllClose(c.tensor("gx"), ConvKernels.convTranspose2d(gy, w, null, back), ATOL, RTOL, "gx");
            assertAllClose(c.tensor("gw"), ConvKernels.conv2dWeightGrad(x, gy, s), ATOL, RTOL, "gw");
            return null;
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("convTranspose2dCases")
    void convTranspose2dMatchesPyTorch(String engine, GoldenCase c) {
        INDArray[] a = f32(c);
        INDArray x = a[0];
        INDArray w = a[1];
        INDArray b = a[2];
        INDArray gy = a[3];
        TransposedConvSpec s = ConvKernelsGoldenTest.convTranspose2dSpec(c, x, w, b);
        int[] inputSize = {(int) x.size(2), (int) x.size(3)};
        ConvKernels.using(engine(engine), () -> {
            assertAllClose(c.tensor("y"), ConvKernels.convTranspose2d(x, w, b, s), ATOL, RTOL, "y");
            assertAllClose(c.tensor("gx"), ConvKernels.conv2d(gy, w, null, s.adjoint(), inputSize), ATOL, RTOL, "gx");
            assertAllClose(c.tensor("gw"), ConvKernels.convTranspose2dWeightGrad(x, gy, s), ATOL, RTOL, "gw");
            return null;
        });
    }
}
