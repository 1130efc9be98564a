package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.loss.MSELoss;
import io.github.minidl.layers.optim.Adam;
import io.github.minidl.layers.optim.AdamOptions;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import io.github.minidl.testing.ConvErrorMessages;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every bad argument to a layer, loss or optimiser is an IllegalArgumentException naming the parameter, value and rule. */
class BadInputTest {

    private static Tensor zeros(long... shape) {
        return Tensor.zeros(DataType.FLOAT, shape);
    }

    static Stream<Arguments> constructors() {
        List<Arguments> a = new ArrayList<>();
        add(a, "conv kernel 0", () -> new Conv2d(2, 2, 0), "kernelSize=[0, 0] must be positive");
        add(a, "conv kernel negative rect", () -> Conv2d.builder(2, 2, 3, -1).build(), "kernelSize=[3, -1]");
        add(a, "conv stride 0", () -> Conv2d.builder(2, 2, 3).stride(0).build(), "stride=[0, 0] must be positive");
        add(a, "conv dilation -1", () -> Conv2d.builder(2, 2, 3).dilation(1, -1).build(), "dilation=[1, -1]");
        add(a, "conv padding -1", () -> Conv2d.builder(2, 2, 3).padding(-1).build(), "padding=[-1, -1] must be non-negative");
        add(a, "conv in not divisible", () -> Conv2d.builder(6, 4, 3).groups(4).build(), "inChannels=6 must be divisible by groups=4");
        add(a, "conv out not divisible", () -> Conv2d.builder(4, 6, 3).groups(4).build(), "outChannels=6 must be divisible by groups=4");
        add(a, "conv groups 0", () -> Conv2d.builder(4, 4, 3).groups(0).build(), "groups=0 must be positive");
        add(a, "conv inChannels 0", () -> new Conv2d(0, 4, 3), "inChannels=0 must be positive");
        add(a, "conv outChannels -2", () -> new Conv2d(3, -2, 3), "outChannels=-2 must be positive");
        add(a, "conv padding null", () -> Conv2d.builder(2, 2, 3).padding((Padding) null).build(), "padding must not be null");
        add(a, "conv paddingMode null", () -> Conv2d.builder(2, 2, 3).paddingMode(null).build(), "paddingMode must not be null");
        add(a, "padding of -2", () -> Padding.of(-2, 1), "padding=[-2, 1] must be non-negative");
        add(a, "convT outputPadding too large", () -> ConvTranspose2d.builder(2, 2, 3).stride(2).outputPadding(2).build(),
                "outputPadding=[2, 2] must be smaller than max(stride, dilation)=[2, 2]");
        add(a, "convT outputPadding negative", () -> ConvTranspose2d.builder(2, 2, 3).outputPadding(-1, 0).build(),
                "outputPadding=[-1, 0] must be non-negative");
        add(a, "convT padding negative", () -> ConvTranspose2d.builder(2, 2, 3).padding(0, -3).build(), "padding=[0, -3]");
        add(a, "convT groups", () -> ConvTranspose2d.builder(3, 4, 3).groups(2).build(), "inChannels=3 must be divisible by groups=2");
        add(a, "convT stride 0", () -> ConvTranspose2d.builder(2, 2, 3).stride(0, 1).build(), "stride=[0, 1]");
        add(a, "separable multiplier 0", () -> DepthwiseSeparableConv2d.builder(3, 4, 3).depthMultiplier(0).build(),
                "depthMultiplier=0 must be positive");
        add(a, "separable kernel 0", () -> new DepthwiseSeparableConv2d(3, 4, 0), "kernelSize=[0, 0]");
        add(a, "separable in 0", () -> new DepthwiseSeparableConv2d(0, 4, 3), "inChannels=0");
        add(a, "separable null activation", () -> DepthwiseSeparableConv2d.builder(3, 4, 3).activation(null),
                "activation must not be null");
        add(a, "conv weight past an int", () -> Conv2d.builder(1 << 20, 1 << 20, 3).build(),
                "weight [1048576, 1048576, 3, 3] (outChannels=1048576, inChannels=1048576, groups=1, kernelSize=[3, 3])"
                        + " has 9895604649984 elements; one array holds at most 2147483647");
        add(a, "linear in 0", () -> new Linear(0, 3), "inFeatures=0 must be positive");
        add(a, "linear out -1", () -> Linear.withoutBias(3, -1), "outFeatures=-1 must be positive");
        add(a, "batchnorm features 0", () -> new BatchNorm2d(0), "numFeatures=0 must be positive");
        add(a, "batchnorm momentum 2", () -> BatchNorm2d.builder(3).momentum(2).build(), "momentum=2.0 must lie in [0, 1]");
        add(a, "batchnorm eps 0", () -> BatchNorm2d.builder(3).eps(0).build(), "eps=0.0 must be finite and positive");
        add(a, "dropout p 1.5", () -> new Dropout(1.5), "p=1.5 must lie in [0, 1]");
        add(a, "dropout p NaN", () -> new Dropout(Double.NaN), "p=NaN");
        add(a, "channel shuffle 0", () -> new ChannelShuffle(0), "groups=0 must be positive");
        add(a, "adaptive pool 0", () -> new AdaptiveAvgPool2d(0, 2), "outputSize=[0, 2] must be positive");
        add(a, "avg pool dilation", () -> new AvgPool2d(io.github.minidl.core.geometry.PoolSpec.builder(2).dilation(2).build()),
                "dilation=(2, 2) must be (1, 1)");
        add(a, "max pool null spec", () -> new MaxPool2d(null), "spec must not be null");
        add(a, "leaky relu NaN", () -> new LeakyReLU(Double.NaN), "negativeSlope=NaN must be finite");
        add(a, "sequential null", () -> new Sequential(new ReLU(), null), "module '1' must not be null");
        add(a, "sgd lr -1", () -> SgdOptions.lr(-1), "learningRate=-1.0 must be finite and non-negative");
        add(a, "sgd nesterov without momentum", () -> SgdOptions.lr(0.1).withNesterov(), "nesterov needs momentum > 0");
        add(a, "sgd dampening 2", () -> SgdOptions.lr(0.1).withDampening(2), "dampening=2.0 must lie in [0, 1]");
        add(a, "sgd empty parameters", () -> new SGD(List.of(), SgdOptions.lr(0.1)), "parameters must not be empty");
        add(a, "sgd null parameters", () -> new SGD(null, SgdOptions.lr(0.1)), "parameters must not be null");
        add(a, "sgd duplicate parameter", () -> {
            Linear l = new Linear(2, 2);
            new SGD(List.of(l.weight(), l.weight()), SgdOptions.lr(0.1));
        }, "parameters[1] appears twice");
        add(a, "sgd null options", () -> new SGD(new Linear(2, 2).parameters(), null), "options must not be null");
        add(a, "adam beta1 1", () -> AdamOptions.lr(0.1).withBetas(1, 0.999), "beta1=1.0 must lie in [0, 1)");
        add(a, "adam eps 0", () -> AdamOptions.lr(0.1).withEps(0), "eps=0.0 must be finite and positive");
        add(a, "adam weight decay -1", () -> AdamOptions.lr(0.1).withWeightDecay(-1), "weightDecay=-1.0");
        add(a, "adam lr NaN", () -> new Adam(new Linear(2, 2).parameters(), AdamOptions.lr(Double.NaN)), "learningRate=NaN");
        add(a, "set lr -1", () -> new SGD(new Linear(2, 2).parameters(), SgdOptions.lr(0.1)).setLearningRate(-1),
                "learningRate=-1.0");
        add(a, "cross entropy smoothing 1.5", () -> new CrossEntropyLoss().withLabelSmoothing(1.5),
                "labelSmoothing=1.5 must lie in [0, 1]");
        add(a, "mse null reduction", () -> new MSELoss(null), "reduction must not be null");
        add(a, "to int dtype", () -> new Linear(2, 2).to(DataType.INT32), "dtype=INT must be FLOAT");
        add(a, "parameter of int array", () -> Parameter.of(Nd4j.zeros(DataType.INT32, 2)), "floating-point");
        return a.stream();
    }

    static Stream<Arguments> forwards() {
        List<Arguments> a = new ArrayList<>();
        Conv2d conv = new Conv2d(2, 3, 3);
        add(a, "conv rank 2", () -> conv.forward(zeros(5, 5)), "Conv2d: input must be 4-D [N, C, H, W] or 3-D [C, H, W]; got shape [5, 5] (rank 2)");
        add(a, "conv rank 5", () -> conv.forward(zeros(1, 2, 5, 5, 1)), "rank 5");
        add(a, "conv channels", () -> conv.forward(zeros(1, 3, 5, 5)), "has 3 channels; the layer expects inChannels=2");
        add(a, "conv dtype mix", () -> conv.forward(Tensor.zeros(DataType.DOUBLE, 1, 2, 5, 5)),
                "input has dtype DOUBLE but the layer's parameters are FLOAT");
        add(a, "conv null input", () -> conv.forward(null), "Conv2d: input must not be null");
        add(a, "conv empty batch", () -> conv.forward(zeros(0, 2, 5, 5)), "has an empty dimension");
        add(a, "conv input too small", () -> conv.forward(zeros(1, 2, 2, 5)), "must be at least 1");
        add(a, "conv reflect pad too large", () -> Conv2d.builder(1, 1, 3).padding(3).paddingMode(PadMode.REFLECT)
                .build().forward(zeros(1, 1, 3, 3)), "reflect");
        add(a, "conv constant padding mode", () -> Conv2d.builder(1, 1, 3).paddingMode(PadMode.CONSTANT).build(),
                "paddingMode=CONSTANT is F.pad's mode");
        ConvTranspose2d t = ConvTranspose2d.builder(2, 2, 3).stride(2).build();
        add(a, "convT channels", () -> t.forward(zeros(1, 3, 4, 4)), "has 3 channels; the layer expects inChannels=2");
        add(a, "convT unreachable", () -> t.forward(zeros(1, 2, 4, 4), new int[] {20, 9}), "outputSize=[20, 9] is unreachable");
        add(a, "convT null size", () -> t.forward(zeros(1, 2, 4, 4), null), "outputSize must not be null");
        add(a, "convT dtype", () -> t.forward(Tensor.zeros(DataType.DOUBLE, 1, 2, 4, 4)), "dtype DOUBLE");
        add(a, "convT output nonpositive", () -> ConvTranspose2d.builder(1, 1, 1).padding(2).build()
                .forward(zeros(1, 1, 2, 2)), "must be at least 1");
        add(a, "separable channels", () -> new DepthwiseSeparableConv2d(4, 2, 3).forward(zeros(1, 3, 5, 5)),
                "expects inChannels=4");
        Linear lin = new Linear(4, 2);
        add(a, "linear features", () -> lin.forward(zeros(3, 5)), "must have inFeatures=4 in its last dimension");
        add(a, "linear dtype", () -> lin.forward(Tensor.zeros(DataType.DOUBLE, 3, 4)), "dtype DOUBLE");
        add(a, "batchnorm channels", () -> new BatchNorm2d(3).forward(zeros(2, 4, 2, 2)), "expects inChannels=3");
        add(a, "batchnorm one value per channel", () -> new BatchNorm2d(3).forward(zeros(1, 3, 1, 1)),
                "more than one value per channel");
        add(a, "channel shuffle divisibility", () -> new ChannelShuffle(4).forward(zeros(1, 6, 2, 2)),
                "6 channels, which must be divisible by groups=4");
        add(a, "max pool rank 2", () -> new MaxPool2d(2).forward(zeros(4, 4)), "MaxPool2d: input must be 4-D [N, C, H, W] or 3-D [C, H, W]");
        add(a, "avg pool rank 5", () -> new AvgPool2d(2).forward(zeros(1, 1, 1, 4, 4)), "AvgPool2d: input must be 4-D");
        add(a, "max pool indices rank 2", () -> new MaxPool2d(2).forwardWithIndices(zeros(4, 4)), "MaxPool2d: input must");
        add(a, "max unpool rank 2", () -> new MaxUnpool2d(2).forward(zeros(2, 2), Nd4j.zeros(DataType.LONG, 2, 2)),
                "MaxUnpool2d: input must be 4-D");
        add(a, "adaptive avg null", () -> new AdaptiveAvgPool2d(1).forward(null), "AdaptiveAvgPool2d: input must not be null");
        add(a, "adaptive max indices rank 2", () -> new AdaptiveMaxPool2d(1).forwardWithIndices(zeros(4, 4)),
                "AdaptiveMaxPool2d: input must be 4-D");
        add(a, "pixel shuffle rank 2", () -> new PixelShuffle(2).forward(zeros(4, 4)), "PixelShuffle: input must be 4-D");
        add(a, "pixel unshuffle null", () -> new PixelUnshuffle(2).forward(null), "PixelUnshuffle: input must not be null");
        add(a, "channel shuffle unbatched", () -> new ChannelShuffle(2).forward(zeros(4, 2, 2)),
                "ChannelShuffle: input must be 4-D [N, C, H, W]; got shape [4, 2, 2]");
        add(a, "relu null", () -> new ReLU().forward(null), "ReLU: input must not be null");
        add(a, "cross entropy label out of range", () -> new CrossEntropyLoss().forward(zeros(2, 3),
                Nd4j.createFromArray(new long[] {0, 3})), "3");
        add(a, "cross entropy null target", () -> new CrossEntropyLoss().forward(zeros(2, 3), (Tensor) null),
                "target must not be null");
        add(a, "mse shape mismatch", () -> new MSELoss().forward(zeros(2, 3), zeros(3, 2)), "[2, 3]");
        add(a, "load null state", () -> lin.loadStateDict(null, KeyMatching.STRICT), "state must not be null");
        add(a, "load wrong shape", () -> lin.loadStateDict(Map.of("weight", Nd4j.zeros(DataType.FLOAT, 2, 3),
                "bias", Nd4j.zeros(DataType.FLOAT, 2)), KeyMatching.STRICT), "weight");
        add(a, "functional call wrong shape", () -> lin.functionalCall(Map.of("weight", zeros(4, 2)), zeros(1, 4)),
                "replacement for 'weight' must have shape [2, 4]");
        add(a, "summary bad channels", () -> Summary.of(conv, 1, 1, 8, 8), "has 1 channels");
        add(a, "summary non-positive shape", () -> Summary.of(conv, 1, 2, 0, 8), "inputShape=[1, 2, 0, 8]");
        add(a, "optimizer state of other type", () -> new SGD(lin.parameters(), SgdOptions.lr(0.1))
                .loadState(new Adam(lin.parameters(), AdamOptions.lr(0.1)).state()), "type 'Adam'");
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, Executable e, String expected) {
        a.add(Arguments.of(name, e, expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructors")
    void constructorRejects(String name, Executable e, String expected) {
        var ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage() != null && ex.getMessage().contains(expected),
                "message should contain '" + expected + "': " + ex.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwards")
    void forwardRejects(String name, Executable e, String expected) {
        constructorRejects(name, e, expected);
    }

    static Stream<GoldenCase> convErrors() {
        // Shapes of weight and bias cannot go wrong in a layer, which creates its own parameters.
        return Golden.cases("conv_errors").filter(c -> !List.of("wrong_weight_rank", "bias_shape_mismatch")
                .contains(c.json().get("category").asText()));
    }

    /** PyTorch's rejected configurations, as layers: construction or forward throws IllegalArgumentException. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convErrors")
    void goldenErrorCasesThroughLayers(GoldenCase c) {
        var p = c.params();
        int groups = p.get("groups").asInt();
        int[] s = c.ints("stride");
        int[] pad = c.ints("padding");
        int[] d = c.ints("dilation");
        long[] x = c.shape("x_shape");
        long[] w = c.shape("weight_shape");
        var args = c.json().get("module_args");
        boolean transposed = c.op().equals("conv_transpose2d");
        int in;
        int out;
        int[] k;
        if (args != null && !args.isNull()) {
            in = args.get("in_channels").asInt();
            out = args.get("out_channels").asInt();
            k = new int[] {args.get("kernel_size").get(0).asInt(), args.get("kernel_size").get(1).asInt()};
        } else {
            in = (int) (transposed ? w[0] : w[1] * groups);
            out = (int) (transposed ? w[1] * groups : w[0]);
            k = new int[] {(int) w[2], (int) w[3]};
        }
        Executable e = transposed
                ? () -> ConvTranspose2d.builder(in, out, k[0], k[1]).stride(s[0], s[1]).padding(pad[0], pad[1])
                        .dilation(d[0], d[1]).groups(groups).outputPadding(c.ints("output_padding")[0],
                                c.ints("output_padding")[1]).build().forward(zeros(x))
                : () -> Conv2d.builder(in, out, k[0], k[1]).stride(s[0], s[1]).padding(pad[0], pad[1])
                        .dilation(d[0], d[1]).groups(groups).build().forward(zeros(x));
        var ex = assertThrows(IllegalArgumentException.class, e, c.id());
        assertTrue(ex.getMessage().contains(ConvErrorMessages.layers(c.id())), c.id() + ": " + ex.getMessage());
    }
}
