package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.views.ConvViews;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Properties over random valid configurations: every view and kernel agrees; the maps are adjoint. */
class ConvPropertiesTest {

    /** A random valid configuration and input size, seeded by its index. */
    record Config(int seed, ConvSpec spec, int n, int h, int w) {
        @Override
        public String toString() {
            return "#" + seed + " " + spec + " x=[" + n + ", " + spec.inChannels() + ", " + h + ", " + w + "]";
        }
    }

    static Stream<Config> configs() {
        return Stream.concat(IntStream.range(0, 60).mapToObj(ConvPropertiesTest::randomConfig),
                IntStream.range(60, 80).mapToObj(ConvPropertiesTest::depthwiseStride1Config));
    }

    /** Depthwise with stride 1, which has its own padded-plane kernels; dilation and padding vary. */
    static Config depthwiseStride1Config(int seed) {
        SplittableRandom r = new SplittableRandom(1000 + seed);
        while (true) {
            int channels = 1 + r.nextInt(4);
            int out = channels * (1 + r.nextInt(2));
            ConvSpec s = ConvSpec.builder(channels, out, 1 + r.nextInt(4), 1 + r.nextInt(4))
                    .dilation(1 + r.nextInt(3), 1 + r.nextInt(3)).padding(r.nextInt(3), r.nextInt(3))
                    .groups(channels).build();
            int h = 1 + r.nextInt(9);
            int w = 1 + r.nextInt(9);
            if (h + 2 * s.padding(0) >= s.effectiveKernel(0) && w + 2 * s.padding(1) >= s.effectiveKernel(1)) {
                return new Config(seed, s, 1 + r.nextInt(3), h, w);
            }
        }
    }

    static Config randomConfig(int seed) {
        SplittableRandom r = new SplittableRandom(1000 + seed);
        while (true) {
            int groups = 1 + r.nextInt(3);
            int in = groups * (1 + r.nextInt(3));
            int out = groups * (1 + r.nextInt(3));
            if (r.nextInt(5) == 0) {
                in = groups;           // depthwise, possibly with a channel multiplier
            }
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int sh = 1 + r.nextInt(3);
            int sw = 1 + r.nextInt(3);
            int dh = 1 + r.nextInt(3);
            int dw = 1 + r.nextInt(3);
            int ph = r.nextInt(3);
            int pw = r.nextInt(3);
            int h = 1 + r.nextInt(9);
            int w = 1 + r.nextInt(9);
            int n = 1 + r.nextInt(3);
            ConvSpec s = ConvSpec.builder(in, out, kh, kw).stride(sh, sw).dilation(dh, dw).padding(ph, pw).groups(groups).build();
            if (h + 2 * ph >= s.effectiveKernel(0) && w + 2 * pw >= s.effectiveKernel(1)) {
                return new Config(seed, s, n, h, w);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void kernelsAgreeWithAllThreeViews(Config c) {
        SplittableRandom rng = new SplittableRandom(c.seed());
        ConvSpec s = c.spec();
        INDArray x = RandomArrays.randn(rng, c.n(), s.inChannels(), c.h(), c.w());
        INDArray w = RandomArrays.randn(rng, s.weightShape());
        INDArray b = RandomArrays.randn(rng, s.outChannels());

        INDArray reference = ConvViews.slidingWindow(x, w, b, s);
        assertAllClose(reference, ConvKernels.conv2d(x, w, b, s), 1e-12, 1e-12, "kernel vs sliding window");
        assertAllClose(reference, ConvViews.viaIm2col(x, w, b, s), 1e-12, 1e-12, "im2col view vs sliding window");
        assertAllClose(ConvViews.slidingWindow(x, w, null, s), ConvViews.viaMatrix(x, w, s), 1e-12, 1e-12,
                "matrix view vs sliding window");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void transposedKernelAgreesWithScatterAndMatrixTranspose(Config c) {
        SplittableRandom rng = new SplittableRandom(c.seed());
        ConvSpec conv = c.spec();
        TransposedConvSpec t = conv.transposeOf(c.h(), c.w());
        int[] small = conv.outputSize(c.h(), c.w());
        INDArray y = RandomArrays.randn(rng, c.n(), t.inChannels(), small[0], small[1]);
        INDArray w = RandomArrays.randn(rng, t.weightShape());
        INDArray b = RandomArrays.randn(rng, t.outChannels());

        INDArray out = ConvKernels.convTranspose2d(y, w, b, t);
        assertArrayEquals(new long[] {c.n(), conv.inChannels(), c.h(), c.w()}, out.shape(), "restores the input size");
        assertAllClose(ConvViews.slidingWindowTranspose(y, w, b, t), out, 1e-12, 1e-12, "kernel vs scatter definition");
        assertAllClose(ConvViews.slidingWindowTranspose(y, w, null, t), ConvViews.viaMatrixTranspose(y, w, t),
                1e-12, 1e-12, "C-transpose view vs scatter definition");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void conv2dAndConvTranspose2dAreAdjoint(Config c) {
        SplittableRandom rng = new SplittableRandom(c.seed());
        ConvSpec s = c.spec();
        int[] o = s.outputSize(c.h(), c.w());
        INDArray x = RandomArrays.randn(rng, c.n(), s.inChannels(), c.h(), c.w());
        INDArray w = RandomArrays.randn(rng, s.weightShape());
        INDArray y = RandomArrays.randn(rng, c.n(), s.outChannels(), o[0], o[1]);

        double left = ConvKernels.conv2d(x, w, null, s).mul(y).sumNumber().doubleValue();
        double right = x.mul(ConvKernels.convTranspose2d(y, w, null, s.transposeOf(c.h(), c.w()))).sumNumber().doubleValue();
        assertEquals(left, right, 1e-10 * Math.max(1, Math.abs(left)), "<conv2d(x, W), y> = <x, convTranspose2d(y, W)>");

        // The weight gradient is the adjoint of w -> conv2d(x, w): <gW, V> = <y, conv2d(x, V)>.
        INDArray v = RandomArrays.randn(rng, s.weightShape());
        double viaGrad = ConvKernels.conv2dWeightGrad(x, y, s).mul(v).sumNumber().doubleValue();
        double direct = ConvKernels.conv2d(x, v, null, s).mul(y).sumNumber().doubleValue();
        assertEquals(direct, viaGrad, 1e-10 * Math.max(1, Math.abs(direct)), "weight gradient is the adjoint in w");

        // The same for the transposed convolution's weight: <gW, V> = <y', convTranspose2d(y, V)>.
        TransposedConvSpec t = s.transposeOf(c.h(), c.w());
        INDArray z = RandomArrays.randn(rng, c.n(), s.inChannels(), c.h(), c.w());
        double tGrad = ConvKernels.convTranspose2dWeightGrad(y, z, t).mul(v).sumNumber().doubleValue();
        double tDirect = ConvKernels.convTranspose2d(y, v, null, t).mul(z).sumNumber().doubleValue();
        assertEquals(tDirect, tGrad, 1e-10 * Math.max(1, Math.abs(tDirect)), "transposed weight gradient is the adjoint in w");
    }

    /** Configurations with more than one group: 40 random ones and the grouped depthwise ones. */
    static Stream<Config> groupedConfigs() {
        return Stream.concat(IntStream.iterate(0, i -> i + 1).mapToObj(ConvPropertiesTest::randomConfig)
                        .filter(c -> c.spec().groups() > 1).limit(40),
                IntStream.range(60, 80).mapToObj(ConvPropertiesTest::depthwiseStride1Config)
                        .filter(c -> c.spec().groups() > 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedConfigs")
    void groupsEqualSeparateConvolutionsOnChannelSlices(Config c) {
        ConvSpec s = c.spec();
        SplittableRandom rng = new SplittableRandom(c.seed());
        INDArray x = RandomArrays.randn(rng, c.n(), s.inChannels(), c.h(), c.w());
        INDArray w = RandomArrays.randn(rng, s.weightShape());
        INDArray y = ConvKernels.conv2d(x, w, null, s);
        int inG = s.inChannels() / s.groups();
        int outG = s.outChannels() / s.groups();
        ConvSpec one = s.toBuilder().groups(1).build();
        ConvSpec single = ConvSpec.builder(inG, outG, s.kernelSize()).stride(s.stride()).padding(s.padding())
                .dilation(s.dilation()).build();
        for (int g = 0; g < s.groups(); g++) {
            INDArray xg = x.get(NDArrayIndex.all(), NDArrayIndex.interval(g * inG, (g + 1) * inG)).dup();
            INDArray wg = w.get(NDArrayIndex.interval(g * outG, (g + 1) * outG)).dup();
            INDArray yg = y.get(NDArrayIndex.all(), NDArrayIndex.interval(g * outG, (g + 1) * outG));
            assertAllClose(ConvKernels.conv2d(xg, wg, null, single), yg, 1e-12, 1e-12, "group " + g);
        }
        assertEquals(s.inChannels(), one.inChannels());
    }

    static Stream<GoldenCase> goldenConv2d() {
        return Golden.cases("conv_cases", "conv2d", "conv_transpose2d");
    }

    /** The float64 golden cases run in float32: the error stays near float32 rounding. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenConv2d")
    void float32IsCloseToFloat64(GoldenCase c) {
        INDArray x = c.tensor("x", DataType.FLOAT);
        INDArray w = c.tensor("weight", DataType.FLOAT);
        INDArray b = c.tensor("bias", DataType.FLOAT);
        INDArray y;
        if (c.op().equals("conv2d")) {
            y = ConvKernels.conv2d(x, w, b, ConvKernelsGoldenTest.conv2dSpec(c, x, w, b));
        } else {
            TransposedConvSpec s = ConvArguments.convTranspose2d(x.shape(), w.shape(), b == null ? null : b.shape(),
                    c.ints("stride"), c.ints("padding"), c.ints("output_padding"), c.intParam("groups"), c.ints("dilation"));
            y = ConvKernels.convTranspose2d(x, w, b, s);
        }
        assertEquals(DataType.FLOAT, y.dataType());
        INDArray expected = c.tensor("y");
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertAllClose(expected, y, 1e-4 * scale, 1e-4, "float32 y");
    }

    /** A batch larger than one processing chunk: every chunk, including a partial last one, is right. */
    @Test
    void batchesSpanningSeveralChunksMatchTheReference() {
        SplittableRandom rng = new SplittableRandom(99);
        ConvSpec s = ConvSpec.builder(16, 8, 3).padding(1).groups(2).build();
        INDArray x = RandomArrays.randn(rng, 5, 16, 40, 40);
        INDArray w = RandomArrays.randn(rng, s.weightShape());
        INDArray gy = RandomArrays.randn(rng, 5, 8, 40, 40);
        assertAllClose(ConvViews.slidingWindow(x, w, null, s), ConvKernels.conv2d(x, w, null, s), 1e-11, 1e-12, "forward");
        TransposedConvSpec t = s.transposeOf(40, 40);
        assertAllClose(ConvViews.slidingWindowTranspose(gy, w, null, t), ConvKernels.convTranspose2d(gy, w, null, t),
                1e-11, 1e-12, "adjoint");
        INDArray v = RandomArrays.randn(rng, s.weightShape());
        double viaGrad = ConvKernels.conv2dWeightGrad(x, gy, s).mul(v).sumNumber().doubleValue();
        double direct = ConvKernels.conv2d(x, v, null, s).mul(gy).sumNumber().doubleValue();
        assertEquals(direct, viaGrad, 1e-9 * Math.abs(direct), "weight gradient");
    }

    /**
     * A depthwise transposed convolution with stride 1, dilation 2 and output padding 1 (its
     * output is larger than the convolution maps back, so the padded-plane kernel sees a cropped
     * upstream gradient) equals the per-channel transposed convolutions of the GEMM path.
     */
    @Test
    void depthwiseTransposedWithOutputPaddingEqualsPerChannelTransposed() {
        SplittableRandom rng = new SplittableRandom(77);
        int channels = 3;
        TransposedConvSpec s = ConvSpec.builder(channels, channels, 3).dilation(2).padding(1).outputPadding(1)
                .groups(channels).buildTransposed();
        INDArray x = RandomArrays.randn(rng, 2, channels, 5, 4);
        INDArray w = RandomArrays.randn(rng, s.weightShape());
        INDArray y = ConvKernels.convTranspose2d(x, w, null, s);
        TransposedConvSpec single = ConvSpec.builder(1, 1, 3).dilation(2).padding(1).outputPadding(1).buildTransposed();
        for (int c = 0; c < channels; c++) {
            INDArray xc = x.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + 1)).dup();
            INDArray wc = w.get(NDArrayIndex.interval(c, c + 1)).dup();
            INDArray yc = y.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + 1));
            assertAllClose(ConvKernels.convTranspose2d(xc, wc, null, single), yc, 1e-12, 1e-12, "channel " + c);
            INDArray gy = RandomArrays.randn(rng, yc.shape());
            INDArray gyAll = Nd4j.zerosLike(y);
            gyAll.get(NDArrayIndex.all(), NDArrayIndex.interval(c, c + 1)).assign(gy);
            INDArray gw = ConvKernels.convTranspose2dWeightGrad(x, gyAll, s);
            assertAllClose(ConvKernels.convTranspose2dWeightGrad(xc, gy, single),
                    gw.get(NDArrayIndex.interval(c, c + 1)), 1e-12, 1e-12, "weight gradient of channel " + c);
        }
    }

    /** The bias gradient is the upstream gradient summed per channel, for a strided view too. */
    @Test
    void biasGradientSumsEachChannelOfAnyLayout() {
        SplittableRandom rng = new SplittableRandom(5);
        INDArray gy = RandomArrays.randn(rng, 3, 4, 6, 2).permute(0, 3, 1, 2);   // [3, 2, 4, 6], not contiguous
        double[] expected = new double[2];
        for (int n = 0; n < 3; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 6; j++) {
                        expected[c] += gy.getDouble(n, c, i, j);
                    }
                }
            }
        }
        assertAllClose(Nd4j.createFromArray(expected), ConvKernels.biasGrad(gy), 1e-12, 1e-12, "bias gradient");
        assertArrayEquals(new long[] {3, 2, 4, 6}, gy.shape(), "the input is left as it was");
    }
}
