package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers loaded with PyTorch's golden weights reproduce its outputs and parameter gradients (float64, 1e-10). */
class LayerGoldenTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> conv2d() {
        return Golden.cases("conv_cases", "conv2d");
    }

    static Stream<GoldenCase> convTranspose2d() {
        return Golden.cases("conv_cases", "conv_transpose2d");
    }

    static Stream<GoldenCase> separable() {
        return Golden.cases("conv_cases", "depthwise_separable_conv2d");
    }

    static Stream<GoldenCase> paddingMode() {
        return Golden.cases("training_cases", "conv2d_padding_mode");
    }

    static Stream<GoldenCase> channelShuffle() {
        return Golden.cases("training_cases", "channel_shuffle");
    }

    static Stream<GoldenCase> batchNorm() {
        return Golden.cases("training_cases", "batch_norm2d");
    }

    static Stream<GoldenCase> linear() {
        return Golden.cases("training_cases", "linear");
    }

    private static Map<String, INDArray> state(GoldenCase c, String... keysAndFields) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndFields.length; i += 2) {
            INDArray a = c.tensor(keysAndFields[i + 1]);
            if (a != null) {
                m.put(keysAndFields[i], a);
            }
        }
        return m;
    }

    /** Runs forward on x, backward with gy; returns y, x carries its gradient. */
    private static Tensor run(Module m, Tensor x, INDArray gy) {
        Tensor y = m.forward(x);
        y.backward(gy);
        return y;
    }

    private static void assertGrad(INDArray expected, Parameter p, String what) {
        assertAllClose(expected, p == null ? null : p.grad().data(), TOL, what);
    }

    private static Conv2d conv(GoldenCase c, Padding padding, PadMode mode) {
        int[] k = c.ints("kernel_size");
        Conv2d.Conv2dBuilder b = Conv2d.builder(c.intParam("in_channels"), c.intParam("out_channels"), k[0], k[1])
                .stride(c.ints("stride")[0], c.ints("stride")[1]).padding(padding)
                .dilation(c.ints("dilation")[0], c.ints("dilation")[1]).groups(c.intParam("groups")).paddingMode(mode);
        if (c.tensor("bias") == null) {
            b.withoutBias();
        }
        Conv2d layer = b.build();
        layer.to(DataType.DOUBLE).loadStateDict(state(c, "weight", "weight", "bias", "bias"), KeyMatching.STRICT);
        return layer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv2d")
    void conv2dLayer(GoldenCase c) {
        int[] p = c.ints("padding");
        Conv2d layer = conv(c, Padding.of(p[0], p[1]), PadMode.ZEROS);
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(layer, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gw"), layer.weight(), c.id() + " gw");
        assertGrad(c.tensor("gb"), layer.bias(), c.id() + " gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paddingMode")
    void conv2dPaddingModeLayer(GoldenCase c) {
        int[] p = c.ints("padding");
        PadMode mode = PadMode.valueOf(c.params().get("padding_mode").asText().toUpperCase(Locale.ROOT));
        Conv2d layer = conv(c, Padding.of(p[0], p[1]), mode);
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(layer, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gw"), layer.weight(), c.id() + " gw");
        assertGrad(c.tensor("gb"), layer.bias(), c.id() + " gb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convTranspose2d")
    void convTranspose2dLayer(GoldenCase c) {
        int[] k = c.ints("kernel_size");
        int[] s = c.ints("stride");
        int[] p = c.ints("padding");
        int[] o = c.ints("output_padding");
        int[] d = c.ints("dilation");
        ConvTranspose2d.ConvTranspose2dBuilder b = ConvTranspose2d.builder(c.intParam("in_channels"), c.intParam("out_channels"),
                k[0], k[1]).stride(s[0], s[1]).padding(p[0], p[1]).outputPadding(o[0], o[1]).dilation(d[0], d[1])
                .groups(c.intParam("groups"));
        if (c.tensor("bias") == null) {
            b.withoutBias();
        }
        ConvTranspose2d layer = b.build();
        layer.to(DataType.DOUBLE).loadStateDict(state(c, "weight", "weight", "bias", "bias"), KeyMatching.STRICT);
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(layer, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gw"), layer.weight(), c.id() + " gw");
        assertGrad(c.tensor("gb"), layer.bias(), c.id() + " gb");
        // The same output through forward(x, outputSize): the size picks the case's output padding.
        long[] ys = c.tensor("y").shape();
        Tensor y2 = layer.forward(Tensor.of(c.tensor("x")), new int[] {(int) ys[2], (int) ys[3]});
        assertAllClose(c.tensor("y"), y2.data(), TOL, c.id() + " y via outputSize");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("separable")
    void depthwiseSeparableLayer(GoldenCase c) {
        int[] k = c.ints("kernel_size");
        int[] s = c.ints("stride");
        int[] p = c.ints("padding");
        int[] d = c.ints("dilation");
        DepthwiseSeparableConv2d.DepthwiseSeparableConv2dBuilder b = DepthwiseSeparableConv2d.builder(c.intParam("in_channels"),
                c.intParam("out_channels"), k[0], k[1]).depthMultiplier(c.intParam("depth_multiplier"))
                .stride(s[0], s[1]).padding(p[0], p[1]).dilation(d[0], d[1]);
        if (c.tensor("dw_bias") == null) {
            b.withoutDepthwiseBias();
        }
        if (c.tensor("pw_bias") == null) {
            b.withoutPointwiseBias();
        }
        DepthwiseSeparableConv2d layer = b.build();
        layer.to(DataType.DOUBLE).loadStateDict(state(c, "depthwise.weight", "dw_weight", "depthwise.bias", "dw_bias",
                "pointwise.weight", "pw_weight", "pointwise.bias", "pw_bias"), KeyMatching.STRICT);
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(layer, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gw_dw"), layer.depthwise().weight(), c.id() + " gw_dw");
        assertGrad(c.tensor("gb_dw"), layer.depthwise().bias(), c.id() + " gb_dw");
        assertGrad(c.tensor("gw_pw"), layer.pointwise().weight(), c.id() + " gw_pw");
        assertGrad(c.tensor("gb_pw"), layer.pointwise().bias(), c.id() + " gb_pw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channelShuffle")
    void channelShuffleLayer(GoldenCase c) {
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(new ChannelShuffle(c.intParam("groups")), x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), 0, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), 0, c.id() + " gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNorm")
    void batchNormLayer(GoldenCase c) {
        BatchNorm2d bn = BatchNorm2d.builder(c.intParam("num_features")).eps(c.doubleParam("eps"))
                .momentum(c.doubleParam("momentum")).build();
        bn.to(DataType.DOUBLE);
        Map<String, INDArray> st = state(c, "weight", "weight", "bias", "bias", "running_mean", "running_mean",
                "running_var", "running_var");
        bn.loadStateDict(st, KeyMatching.LENIENT);
        if (!c.boolParam("training")) {
            bn.eval();
        }
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(bn, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gweight"), bn.weight(), c.id() + " gweight");
        assertGrad(c.tensor("gbias"), bn.bias(), c.id() + " gbias");
        if (c.boolParam("training")) {
            assertAllClose(c.tensor("running_mean_after"), bn.runningStats().orElseThrow().mean().data(), TOL, c.id() + " running_mean");
            assertAllClose(c.tensor("running_var_after"), bn.runningStats().orElseThrow().var().data(), TOL, c.id() + " running_var");
            assertEquals(1L, bn.stateDict().get("num_batches_tracked").getLong(0), "num_batches_tracked");
        } else {
            assertAllClose(c.tensor("running_mean"), bn.runningStats().orElseThrow().mean().data(), 0, c.id() + " running_mean unchanged");
            assertAllClose(c.tensor("running_var"), bn.runningStats().orElseThrow().var().data(), 0, c.id() + " running_var unchanged");
            assertEquals(0L, bn.stateDict().get("num_batches_tracked").getLong(0), "num_batches_tracked unchanged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linear")
    void linearLayer(GoldenCase c) {
        int in = c.intParam("in_features");
        int out = c.intParam("out_features");
        Linear layer = c.boolParam("bias") ? new Linear(in, out) : Linear.withoutBias(in, out);
        layer.to(DataType.DOUBLE).loadStateDict(state(c, "weight", "weight", "bias", "bias"), KeyMatching.STRICT);
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = run(layer, x, c.tensor("gy"));
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
        assertGrad(c.tensor("gw"), layer.weight(), c.id() + " gw");
        assertGrad(c.tensor("gb"), layer.bias(), c.id() + " gb");
    }
}
