package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvPropertiesTest.Config;
import io.github.minidl.testing.RandomArrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every engine against minidl's own kernels on seeded random configurations (groups, depthwise,
 * dilation, stride, per-axis padding, output padding up to max(stride, dilation) - 1) and on chosen
 * depthwise ones: all four kernels, the cropped conv2d and the weight gradients fused with the bias
 * gradient, in float32, on every engine under test ({@link EnginesUnderTest}: oneDNN also in
 * single-sample batch chunks).
 */
class ConvEnginesAgreeTest {
    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-4;

    /** The first 30 general and 6 depthwise stride-1 configurations of the property test. */
    static Stream<Config> configs() {
        return ConvPropertiesTest.configs().filter(c -> c.seed() < 30 || (c.seed() >= 60 && c.seed() < 66));
    }

    /**
     * Depthwise geometries oneDNN runs on its JIT depthwise kernel through blocked layouts:
     * channel counts on and off its 16-channel blocks, stride, dilation, per-axis padding and
     * kernel sizes, and D1's own geometry at a small batch.
     */
    static Stream<Config> depthwiseConfigs() {
        return Stream.of(
                new Config(200, depthwise(64, 3, 3).padding(1).build(), 2, 28, 28),
                new Config(201, depthwise(20, 3, 3).padding(1).build(), 3, 11, 9),
                new Config(202, depthwise(16, 3, 3).stride(2).padding(1).build(), 2, 9, 10),
                new Config(203, depthwise(5, 3, 3).dilation(2).padding(2).build(), 2, 8, 7),
                new Config(204, depthwise(3, 2, 2).stride(3).build(), 1, 9, 8),
                new Config(205, depthwise(17, 5, 5).padding(2).build(), 2, 7, 9),
                new Config(206, depthwise(4, 3, 1).stride(2, 1).padding(1, 0).build(), 2, 9, 6),
                new Config(207, depthwise(24, 4, 4).stride(2).dilation(2).build(), 1, 12, 11),
                new Config(208, depthwise(8, 3, 3).stride(1, 2).padding(0, 1).dilation(1, 2).build(), 3, 6, 10));
    }

    private static ConvSpec.ConvSpecBuilder depthwise(int channels, int kh, int kw) {
        return ConvSpec.builder(channels, channels, kh, kw).groups(channels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"configs", "depthwiseConfigs"})
    void enginesAgreeWithOwnKernels(Config c) {
        Map<String, ConvEngine> others = otherEngines();
        assumeTrue(!others.isEmpty(), "no engine besides own on this machine");
        SplittableRandom rng = new SplittableRandom(c.seed());
        ConvSpec s = c.spec();
        INDArray x = randn(rng, c.n(), s.inChannels(), c.h(), c.w());
        INDArray w = randn(rng, s.weightShape());
        INDArray b = randn(rng, s.outChannels());
        int[] out = s.outputSize(c.h(), c.w());
        INDArray gy = randn(rng, c.n(), s.outChannels(), out[0], out[1]);
        // A transposed convolution with any allowed output padding from the one that restores
        // (h, w) upwards, and its adjoint cropped back to the transposed convolution's input.
        TransposedConvSpec back = s.transposeOf(c.h(), c.w());
        TransposedConvSpec t = back.withOutputPadding(
                Math.max(back.outputPadding(0), rng.nextInt(Math.max(s.stride(0), s.dilation(0)))),
                Math.max(back.outputPadding(1), rng.nextInt(Math.max(s.stride(1), s.dilation(1)))));
        int[] tOut = t.outputSize(out[0], out[1]);
        INDArray bt = randn(rng, t.outChannels());
        INDArray gz = randn(rng, c.n(), t.outChannels(), tOut[0], tOut[1]);
        int[] cropped = {out[0], out[1]};

        List<Function<ConvEngine, INDArray>> kernels = List.of(
                e -> ConvKernels.using(e, () -> ConvKernels.conv2d(x, w, b, s)),
                e -> ConvKernels.using(e, () -> ConvKernels.conv2d(x, w, null, s)),
                e -> ConvKernels.using(e, () -> ConvKernels.convTranspose2d(gy, w, bt, t)),
                e -> ConvKernels.using(e, () -> ConvKernels.conv2d(gz, w, null, t.adjoint(), cropped)),
                e -> ConvKernels.using(e, () -> ConvKernels.conv2dWeightGrad(x, gy, s)),
                e -> ConvKernels.using(e, () -> ConvKernels.convTranspose2dWeightGrad(gy, gz, t)),
                e -> ConvKernels.using(e, () -> ConvKernels.conv2dWeightBiasGrad(x, gy, s).weight()),
                e -> ConvKernels.using(e, () -> ConvKernels.conv2dWeightBiasGrad(x, gy, s).bias()),
                e -> ConvKernels.using(e, () -> ConvKernels.convTranspose2dWeightBiasGrad(gy, gz, t).weight()),
                e -> ConvKernels.using(e, () -> ConvKernels.convTranspose2dWeightBiasGrad(gy, gz, t).bias()));
        List<String> names = List.of("conv2d", "conv2d without bias", "convTranspose2d " + t,
                "cropped conv2d", "conv2dWeightGrad", "convTranspose2dWeightGrad", "conv2dWeightBiasGrad weight",
                "conv2dWeightBiasGrad bias", "convTranspose2dWeightBiasGrad weight", "convTranspose2dWeightBiasGrad bias");
        for (Map.Entry<String, ConvEngine> e : others.entrySet()) {
            for (int k = 0; k < kernels.size(); k++) {
                INDArray expected = kernels.get(k).apply(ConvEngines.own());
                assertAllClose(expected, kernels.get(k).apply(e.getValue()), ATOL, RTOL, e.getKey() + " " + names.get(k));
            }
        }
    }

    /** Every engine under test but own, by label. */
    private static Map<String, ConvEngine> otherEngines() {
        Map<String, ConvEngine> others = new LinkedHashMap<>(EnginesUnderTest.all());
        others.remove(ConvEngines.own().name());
        return others;
    }

    private static INDArray randn(SplittableRandom rng, long... shape) {
        return RandomArrays.randn(rng, DataType.FLOAT, shape);
    }
}
