package io.github.minidl.layers;

import io.github.minidl.autograd.GeluApproximation;
import io.github.minidl.autograd.GradCheck;
import io.github.minidl.autograd.InterpolateOptions;
import io.github.minidl.autograd.InterpolationMode;
import io.github.minidl.autograd.MaxPool2dResult;
import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.testing.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Central-difference gradient checks (float64) of every layer with respect to its input and every parameter. */
class LayerGradCheckTest {

    /** Checks d(forward)/d(input) and d/d(each parameter) of {@code m} on a random input of {@code shape}. */
    static void check(Module m, BiFunction<Module, Tensor, Tensor> forward, long... shape) {
        Tensor[] in = inputs(m, shape);
        GradCheck.assertGradients(asFunction(m, forward), in);
    }

    /** The same inputs and function as {@link #check}, then the check of their second derivatives. */
    static void checkSecondOrder(Module m, long... shape) {
        Tensor[] in = inputs(m, shape);
        GradCheck.gradgradcheck(asFunction(m, Module::forward), in);
    }

    /** A random input of {@code shape}, then a copy of each of m's parameters (m is cast to float64). */
    private static Tensor[] inputs(Module m, long... shape) {
        m.to(DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(11);
        List<Parameter> ps = m.parameters();
        Tensor[] in = new Tensor[ps.size() + 1];
        in[0] = Tensors.randn(rng, DataType.DOUBLE, shape).requiresGrad(true);
        for (int i = 0; i < ps.size(); i++) {
            in[i + 1] = Tensor.of(ps.get(i).data().dup()).requiresGrad(true);
        }
        return in;
    }

    /** f(x, parameters...) = forward(m, x) with m's parameters replaced, in {@link Module#parameters()} order. */
    private static Function<Tensor[], Tensor> asFunction(Module m, BiFunction<Module, Tensor, Tensor> forward) {
        Module wrapper = new Module() {
            {
                registerModule("m", m);
            }

            @Override
            public Tensor forward(Tensor x) {
                return forward.apply(m, x);
            }
        };
        List<String> names = new ArrayList<>(wrapper.namedParameters().keySet());
        return t -> {
            Map<String, Tensor> replacements = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                replacements.put(names.get(i), t[i + 1]);
            }
            return wrapper.functionalCall(replacements, t[0]);
        };
    }

    static void check(Module m, long... shape) {
        check(m, Module::forward, shape);
    }

    static Stream<Arguments> layers() {
        List<Arguments> a = new ArrayList<>();
        add(a, "conv2d 3x3 bias", () -> new Conv2d(2, 3, 3), 2, 2, 5, 5);
        add(a, "conv2d stride2 pad1 rect", () -> Conv2d.builder(2, 2, 3, 2).stride(2, 1).padding(1, 0).build(), 1, 2, 6, 5);
        add(a, "conv2d groups2 dilation2 nobias", () -> Conv2d.builder(4, 2, 3).groups(2).dilation(2).withoutBias()
                .build(), 1, 4, 7, 6);
        add(a, "conv2d same stride1 even kernel", () -> Conv2d.builder(2, 2, 2).padding(Padding.SAME).build(), 1, 2, 4, 5);
        add(a, "conv2d same stride2", () -> Conv2d.builder(2, 2, 3).stride(2).padding(Padding.SAME).build(), 1, 2, 6, 5);
        add(a, "conv2d reflect", () -> Conv2d.builder(2, 2, 3).padding(1, 2).paddingMode(PadMode.REFLECT).build(),
                1, 2, 4, 5);
        add(a, "conv2d replicate", () -> Conv2d.builder(2, 2, 3).padding(2).paddingMode(PadMode.REPLICATE).build(),
                1, 2, 3, 4);
        add(a, "conv2d circular", () -> Conv2d.builder(2, 2, 3).padding(1).paddingMode(PadMode.CIRCULAR).build(),
                1, 2, 4, 4);
        add(a, "convT stride2 outputPadding1", () -> ConvTranspose2d.builder(2, 3, 3).stride(2).padding(1)
                .outputPadding(1).build(), 1, 2, 3, 3);
        add(a, "convT groups2 dilation2", () -> ConvTranspose2d.builder(4, 2, 3).groups(2).dilation(2)
                .outputPadding(1).withoutBias().build(), 2, 4, 3, 2);
        add(a, "convT rect stride", () -> ConvTranspose2d.builder(2, 2, 2, 3).stride(3, 2).padding(0, 1).build(),
                1, 2, 2, 3);
        add(a, "separable m2 stride2 dilation2", () -> DepthwiseSeparableConv2d.builder(2, 3, 3).depthMultiplier(2)
                .stride(2).dilation(2).padding(1).build(), 1, 2, 7, 7);
        add(a, "separable bn relu no biases", () -> DepthwiseSeparableConv2d.builder(3, 2, 3).padding(Padding.SAME)
                .normalization(new BatchNorm2d(3)).activation(new Tanh()).withoutDepthwiseBias()
                .withoutPointwiseBias().build(), 2, 3, 4, 4);
        add(a, "linear", () -> new Linear(4, 3), 3, 4);
        add(a, "linear rank3 nobias", () -> Linear.withoutBias(3, 2), 2, 2, 3);
        add(a, "batchnorm train", () -> new BatchNorm2d(3), 2, 3, 3, 2);
        add(a, "batchnorm eval", () -> new BatchNorm2d(3).eval(), 2, 3, 3, 2);
        add(a, "batchnorm no affine cumulative", () -> BatchNorm2d.builder(3).withoutAffine().cumulativeAverage()
                .build(), 2, 3, 2, 2);
        add(a, "batchnorm untracked eval", () -> BatchNorm2d.builder(2).withoutRunningStats().eps(1e-3).build()
                .eval(), 3, 2, 2, 2);
        add(a, "maxpool 2", () -> new MaxPool2d(2), 1, 2, 4, 5);
        add(a, "maxpool 3 s2 p1", () -> new MaxPool2d(PoolSpec.builder(3).stride(2).padding(1).build()), 1, 2, 5, 5);
        add(a, "avgpool 2", () -> new AvgPool2d(2), 1, 2, 4, 4);
        add(a, "adaptive avg 1", () -> new AdaptiveAvgPool2d(1), 2, 2, 3, 4);
        add(a, "adaptive avg 2x3", () -> new AdaptiveAvgPool2d(2, 3), 1, 2, 5, 7);
        add(a, "adaptive max 3x2", () -> new AdaptiveMaxPool2d(3, 2), 2, 2, 5, 4);
        add(a, "avgpool divisor override", () -> new AvgPool2d(PoolSpec.builder(2).stride(1).divisorOverride(3)
                .build()), 1, 2, 3, 4);
        add(a, "maxpool unbatched", () -> new MaxPool2d(2), 2, 4, 5);
        add(a, "conv2d unbatched same", () -> Conv2d.builder(2, 3, 2).padding(Padding.SAME).build(), 2, 4, 5);
        add(a, "convT unbatched", () -> ConvTranspose2d.builder(2, 2, 3).stride(2).build(), 2, 2, 3);
        add(a, "pixel unshuffle", () -> new PixelUnshuffle(2), 1, 2, 4, 6);
        add(a, "upsample nearest 2", () -> new Upsample(2), 1, 2, 2, 3);
        add(a, "upsample bilinear size", () -> new Upsample(InterpolateOptions.size(5, 4)
                .mode(InterpolationMode.BILINEAR)), 2, 1, 3, 3);
        add(a, "relu", ReLU::new, 2, 3, 2, 2);
        add(a, "leaky relu", () -> new LeakyReLU(0.2), 2, 5);
        add(a, "sigmoid", Sigmoid::new, 2, 5);
        add(a, "tanh", Tanh::new, 2, 5);
        add(a, "gelu", GELU::new, 2, 5);
        add(a, "gelu tanh", () -> new GELU(GeluApproximation.TANH), 2, 5);
        add(a, "flatten", Flatten::new, 2, 2, 2, 3);
        add(a, "channel shuffle", () -> new ChannelShuffle(3), 1, 6, 2, 2);
        add(a, "identity", Identity::new, 2, 3);
        add(a, "pixel shuffle", () -> new PixelShuffle(2), 1, 8, 2, 3);
        add(a, "dropout eval", () -> new Dropout(0.5).eval(), 2, 5);
        add(a, "small cnn", () -> new Sequential(Conv2d.builder(1, 2, 3).padding(1).build(), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(8, 3)), 2, 1, 4, 4);
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, Supplier<Module> m, long... shape) {
        a.add(Arguments.of(name, m, shape));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsMatchFiniteDifferences(String name, Supplier<Module> factory, long[] shape) {
        check(factory.get(), shape);
    }

    /** Second derivatives through depthwise (multiplier 2, strided, dilated) then pointwise convolution. */
    @Test
    void depthwiseSeparableSecondOrder() {
        checkSecondOrder(DepthwiseSeparableConv2d.builder(2, 3, 3).depthMultiplier(2).stride(2).dilation(2).padding(1)
                .activation(new Tanh()).build(), 1, 2, 5, 5);
    }

    @Test
    void dropoutInTrainingWithFixedMasks() {
        Dropout d = new Dropout(0.3);
        check(d, (m, x) -> {
            d.seek(0);
            return d.forward(x);
        }, 3, 4);
    }

    @Test
    void maxUnpoolAfterMaxPool() {
        MaxPool2d pool = new MaxPool2d(2);
        MaxUnpool2d unpool = new MaxUnpool2d(2);
        check(unpool, (m, x) -> {
            MaxPool2dResult r = pool.forwardWithIndices(x);
            return unpool.forward(r.values(), r.indices(), new int[] {5, 5});
        }, 1, 2, 5, 5);
    }

    @Test
    void convTransposeWithOutputSize() {
        ConvTranspose2d t = ConvTranspose2d.builder(2, 2, 3).stride(2).padding(1).build();
        check(t, (m, x) -> t.forward(x, new int[] {6, 5}), 1, 2, 3, 3);
    }
}
