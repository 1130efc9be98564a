package io.github.minidl.autograd;

import static io.github.minidl.autograd.TrainingGoldenTest.gradOf;
import static io.github.minidl.autograd.TrainingGoldenTest.param;
import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.InterpolateCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The functional golden cases of {@code parity_layer_cases} (PyTorch 1.13, float64, 1e-10):
 * batch-norm options, pooling options, interpolation, string padding, cropping, pixel
 * unshuffle and unbatched inputs.
 */
class ParityGoldenTest {
    private static final double TOL = 1e-10;
    private static final String FILE = "parity_layer_cases";

    static Stream<GoldenCase> batchNorm() {
        return Golden.cases(FILE, "batch_norm2d_options");
    }

    static Stream<GoldenCase> avgPoolDivisor() {
        return Golden.cases(FILE, "avg_pool2d_divisor");
    }

    static Stream<GoldenCase> adaptiveMaxPool() {
        return Golden.cases(FILE, "adaptive_max_pool2d");
    }

    static Stream<GoldenCase> maxUnpool() {
        return Golden.cases(FILE, "max_unpool2d");
    }

    static Stream<GoldenCase> interpolate() {
        return Golden.cases(FILE, "interpolate");
    }

    static Stream<GoldenCase> paddingString() {
        return Golden.cases(FILE, "conv2d_padding_string");
    }

    static Stream<GoldenCase> cropping() {
        return Golden.cases(FILE, "pad_negative");
    }

    static Stream<GoldenCase> unshuffle() {
        return Golden.cases(FILE, "pixel_unshuffle");
    }

    static Stream<GoldenCase> unbatched() {
        return Golden.cases(FILE, "unbatched");
    }

    private static PadMode padMode(GoldenCase c) {
        return PadMode.valueOf(c.params().get("mode").asText().toUpperCase(java.util.Locale.ROOT));
    }

    /** y against the case's y, then backward(gy) and x's gradient against gx. */
    private static void assertForwardAndBackward(GoldenCase c, Tensor x, Tensor y, double yTol) {
        assertAllClose(c.tensor("y"), y.data(), yTol, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
    }

    private static INDArray step(INDArray stacked, int s) {
        return stacked.get(NDArrayIndex.point(s)).dup('c');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNorm")
    void batchNormOptions(GoldenCase c) {
        boolean track = c.boolParam("track_running_stats");
        boolean affine = c.boolParam("affine");
        Tensor w = affine ? param(c, "weight") : null;
        Tensor b = affine ? param(c, "bias") : null;
        BatchNormBuffers buffers = track ? new BatchNormBuffers(Tensor.of(c.tensor("running_mean")),
                Tensor.of(c.tensor("running_var")), Tensor.of(Nd4j.scalar(DataType.LONG, 0L))) : BatchNormBuffers.none();
        // PyTorch's module uses the batch statistics in eval mode when it tracks none.
        BatchNormOptions o = new BatchNormOptions(c.boolParam("training") || !track,
                c.params().get("momentum").isNull() ? null : c.doubleParam("momentum"), c.doubleParam("eps"));
        int steps = c.intParam("steps");
        Tensor x = null;
        Tensor y = null;
        for (int s = 0; s < steps; s++) {
            x = Tensor.of(step(c.tensor("xs"), s)).requiresGrad(true);
            y = F.batchNorm(x, buffers, w, b, o);
            assertAllClose(step(c.tensor("ys"), s), y.data(), TOL, c.id() + " y of step " + s);
        }
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gweight"), gradOf(w), TOL, "gweight");
        assertAllClose(c.tensor("gbias"), gradOf(b), TOL, "gbias");
        if (track) {
            assertAllClose(c.tensor("running_mean_after"), buffers.runningMean().data(), TOL, "running_mean");
            assertAllClose(c.tensor("running_var_after"), buffers.runningVar().data(), TOL, "running_var");
            assertEquals(c.tensor("num_batches_tracked_after", DataType.LONG).getLong(0),
                    buffers.numBatchesTracked().data().getLong(0), "num_batches_tracked");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPoolDivisor")
    void avgPool2dDivisorOverride(GoldenCase c) {
        Tensor x = param(c, "x");
        PoolSpec spec = PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride")).padding(c.ints("padding"))
                .ceilMode(c.boolParam("ceil_mode")).countIncludePad(c.boolParam("count_include_pad"))
                .divisorOverride(c.intParam("divisor_override")).build();
        Tensor y = F.avgPool2d(x, spec);
        assertForwardAndBackward(c, x, y, TOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptiveMaxPool")
    void adaptiveMaxPool2d(GoldenCase c) {
        Tensor x = param(c, "x");
        int[] o = c.ints("output_size");
        MaxPool2dResult r = F.adaptiveMaxPool2dWithIndices(x, o[0], o[1]);
        assertAllClose(c.tensor("y"), r.values().data(), 0, "y");
        assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(), "indices");
        assertArrayEquals(c.tensor("y").shape(), r.indices().shape(), "indices shape");
        r.values().backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("y"), F.adaptiveMaxPool2d(Tensor.of(c.tensor("x")), o[0], o[1]).data(), 0, "values only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxUnpool")
    void maxUnpool2d(GoldenCase c) {
        Tensor x = param(c, "x");
        PoolSpec spec = PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride")).padding(c.ints("padding"))
                .build();
        int[] size = c.params().get("output_size").isNull() ? null : c.ints("output_size");
        Tensor y = F.maxUnpool2d(x, c.tensor("indices", DataType.LONG), spec, size);
        assertForwardAndBackward(c, x, y, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paddingString")
    void conv2dPaddingString(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor w = param(c, "weight");
        Tensor b = param(c, "bias");
        Tensor y = F.conv2d(x, w, b, new int[] {1}, c.params().get("padding").asText(), c.ints("dilation"),
                c.intParam("groups"));
        assertForwardAndBackward(c, x, y, TOL);
        assertAllClose(c.tensor("gw"), gradOf(w), TOL, "gw");
        assertAllClose(c.tensor("gb"), gradOf(b), TOL, "gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cropping")
    void padWithNegativeAmounts(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor y = F.pad(x, c.ints("pads"), padMode(c), c.doubleParam("value"));
        assertForwardAndBackward(c, x, y, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unshuffle")
    void pixelUnshuffle(GoldenCase c) {
        Tensor x = param(c, "x");
        int r = c.intParam("downscale_factor");
        Tensor y = F.pixelUnshuffle(x, r);
        assertAllClose(c.tensor("y"), y.data(), 0, "y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), 0, "gx");
        assertAllClose(c.tensor("x"), F.pixelShuffle(y, r).data(), 0, "pixelShuffle inverts it");
    }

    /** PyTorch takes [C, H, W] for these ops and returns a 3-D result; so does minidl. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unbatched")
    void unbatchedInput(GoldenCase c) {
        Tensor[] in = {param(c, "in0"), param(c, "in1"), param(c, "in2")};
        Tensor y = switch (c.params().get("fn").asText()) {
            case "conv2d" -> F.conv2d(in[0], in[1], in[2], c.ints("stride"), c.ints("padding"), c.ints("dilation"),
                    c.intParam("groups"));
            case "conv_transpose2d" -> F.convTranspose2d(in[0], in[1], in[2], c.ints("stride"), c.ints("padding"),
                    c.ints("output_padding"), c.intParam("groups"), c.ints("dilation"));
            case "max_pool2d" -> F.maxPool2d(in[0], PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride"))
                    .padding(c.ints("padding")).build());
            case "avg_pool2d" -> F.avgPool2d(in[0], PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride"))
                    .padding(c.ints("padding")).build());
            case "adaptive_avg_pool2d" -> F.adaptiveAvgPool2d(in[0], c.ints("output_size")[0], c.ints("output_size")[1]);
            case "pad" -> F.pad(in[0], c.ints("pads"), padMode(c), 0);
            case "pixel_shuffle" -> F.pixelShuffle(in[0], c.intParam("upscale_factor"));
            default -> throw new IllegalStateException(c.params().get("fn").asText());
        };
        assertAllClose(c.tensor("y"), y.data(), TOL, "y");
        y.backward(c.tensor("gy"));
        for (int i = 0; i < in.length; i++) {
            assertAllClose(c.tensor("g" + i), gradOf(in[i]), TOL, "g" + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpolate")
    void interpolateMatchesPyTorch(GoldenCase c) {
        Tensor x = param(c, "x");
        Tensor y = F.interpolate(x, InterpolateCases.options(c));
        assertForwardAndBackward(c, x, y, TOL);
    }
}
