package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.InterpolateOptions;
import io.github.minidl.autograd.InterpolationMode;
import io.github.minidl.autograd.MaxPool2dResult;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.InterpolateCases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pooling, unpooling, upsampling, pixel-unshuffle and 'same'-padding layers against PyTorch
 * (float64, 1e-10), and their rows in {@link Summary}.
 */
class ParityLayerTest {
    private static final double TOL = 1e-10;
    private static final String FILE = "parity_layer_cases";

    static Stream<GoldenCase> avgPool() {
        return Golden.cases(FILE, "avg_pool2d_divisor");
    }

    static Stream<GoldenCase> adaptiveMax() {
        return Golden.cases(FILE, "adaptive_max_pool2d");
    }

    static Stream<GoldenCase> unpool() {
        return Golden.cases(FILE, "max_unpool2d");
    }

    static Stream<GoldenCase> unshuffle() {
        return Golden.cases(FILE, "pixel_unshuffle");
    }

    static Stream<GoldenCase> samePadding() {
        return Golden.cases(FILE, "conv2d_padding_string");
    }

    static Stream<GoldenCase> interpolate() {
        return Golden.cases(FILE, "interpolate");
    }

    private static Tensor input(GoldenCase c, String name) {
        return Tensor.of(c.tensor(name)).requiresGrad(true);
    }

    /** Runs forward with gy through backward; checks y and gx. */
    private static void check(GoldenCase c, Tensor x, Tensor y) {
        assertAllClose(c.tensor("y"), y.data(), TOL, c.id() + " y");
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), x.grad().data(), TOL, c.id() + " gx");
    }

    private static PoolSpec.PoolSpecBuilder spec(GoldenCase c) {
        return PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride")).padding(c.ints("padding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPool")
    void avgPool2dWithDivisorOverride(GoldenCase c) {
        Tensor x = input(c, "x");
        AvgPool2d pool = new AvgPool2d(spec(c).ceilMode(c.boolParam("ceil_mode"))
                .countIncludePad(c.boolParam("count_include_pad")).divisorOverride(c.intParam("divisor_override")).build());
        check(c, x, pool.forward(x));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptiveMax")
    void adaptiveMaxPool2d(GoldenCase c) {
        Tensor x = input(c, "x");
        int[] o = c.ints("output_size");
        MaxPool2dResult r = new AdaptiveMaxPool2d(o[0], o[1]).forwardWithIndices(x);
        assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(), "indices");
        check(c, x, r.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unpool")
    void maxUnpool2d(GoldenCase c) {
        Tensor x = input(c, "x");
        int[] size = c.params().get("output_size").isNull() ? null : c.ints("output_size");
        check(c, x, new MaxUnpool2d(spec(c).build()).forward(x, c.tensor("indices", DataType.LONG), size));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unshuffle")
    void pixelUnshuffle(GoldenCase c) {
        Tensor x = input(c, "x");
        check(c, x, new PixelUnshuffle(c.intParam("downscale_factor")).forward(x));
    }

    /** PyTorch's padding='same'/'valid' through Conv2d's Padding.SAME/VALID, batched and unbatched. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samePadding")
    void conv2dSameAndValid(GoldenCase c) {
        long[] ws = c.tensor("weight").shape();
        int groups = c.intParam("groups");
        Conv2d.Conv2dBuilder b = Conv2d.builder((int) ws[1] * groups, (int) ws[0], (int) ws[2], (int) ws[3])
                .dilation(c.ints("dilation")[0], c.ints("dilation")[1]).groups(groups)
                .padding(c.params().get("padding").asText().equals("same") ? Padding.SAME : Padding.VALID);
        if (c.tensor("bias") == null) {
            b.withoutBias();
        }
        Conv2d conv = b.build();
        Map<String, INDArray> st = new LinkedHashMap<>();
        st.put("weight", c.tensor("weight"));
        if (c.tensor("bias") != null) {
            st.put("bias", c.tensor("bias"));
        }
        conv.to(DataType.DOUBLE).loadStateDict(st, KeyMatching.STRICT);
        Tensor x = input(c, "x");
        check(c, x, conv.forward(x));
        assertAllClose(c.tensor("gw"), conv.weight().grad().data(), TOL, c.id() + " gw");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpolate")
    void upsample(GoldenCase c) {
        Tensor x = input(c, "x");
        check(c, x, new Upsample(InterpolateCases.options(c)).forward(x));
    }

    @Test
    void upsampleReadsLikePyTorch() {
        assertEquals("Upsample(scale_factor=2.0, mode=nearest)", new Upsample(2).toString());
        assertEquals("Upsample(size=(3, 4), mode=bilinear, align_corners=True)", new Upsample(InterpolateOptions
                .size(3, 4).mode(InterpolationMode.BILINEAR).alignCorners(true)).toString());
        var e = assertThrows(IllegalArgumentException.class, () -> new Upsample(2).forward(Tensor.zeros(DataType.FLOAT,
                2, 3, 4)));
        assertTrue(e.getMessage().contains("Upsample: input must be 4-D"), e.getMessage());
    }

    /** The README's lines on PyTorch's options, with the shapes they give. */
    @Test
    void readmeOptionsRun() {
        var rng = new java.util.SplittableRandom(3);
        Tensor x = io.github.minidl.testing.Tensors.randn(rng, 2, 2, 6, 6);
        Tensor w = io.github.minidl.testing.Tensors.randn(rng, 3, 2, 3, 3);
        Tensor b = io.github.minidl.testing.Tensors.randn(rng, 3);
        Tensor image = io.github.minidl.testing.Tensors.randn(rng, 2, 6, 6);
        assertEquals(0.01, BatchNorm2d.builder(64).eps(1e-3).momentum(0.01).build().options().momentum());
        assertTrue(BatchNorm2d.builder(64).cumulativeAverage().withoutAffine().build().options().cumulative());
        assertArrayEquals(new long[] {2, 3, 6, 6}, F.conv2d(x, w, b, new int[] {1}, "same", new int[] {2}, 1).shape());
        assertArrayEquals(new long[] {2, 2, 4, 7}, F.pad(x, -1, 2, 0, -2).shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, F.avgPool2d(x, PoolSpec.builder(2).divisorOverride(3).build()).shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, F.adaptiveMaxPool2dWithIndices(x, 3, 3).indices().shape());
        assertArrayEquals(new long[] {2, 2, 12, 12}, F.interpolate(x, InterpolateOptions.scaleFactor(2)
                .mode(InterpolationMode.BILINEAR).alignCorners(false)).shape());
        assertArrayEquals(new long[] {3, 4, 4}, F.conv2d(image, w, b).shape());
    }

    @Test
    void maxUnpoolNeedsTheIndices() {
        var e = assertThrows(IllegalStateException.class, () -> new MaxUnpool2d(2).forward(Tensor.zeros(DataType.FLOAT,
                1, 1, 2, 2)));
        assertTrue(e.getMessage().contains("forward(x, indices)"), e.getMessage());
    }

    /** An encoder-decoder that pools with indices and unpools with them, as SegNet does. */
    private static final class PoolUnpool extends Module {
        private final MaxPool2d pool = registerModule("pool", new MaxPool2d(2));
        private final MaxUnpool2d unpool = registerModule("unpool", new MaxUnpool2d(2));
        private final Upsample upsample = registerModule("upsample", new Upsample(InterpolateOptions.scaleFactor(0.5)
                .mode(InterpolationMode.BILINEAR)));
        private final PixelUnshuffle unshuffle = registerModule("unshuffle", new PixelUnshuffle(2));
        private final AdaptiveMaxPool2d adaptive = registerModule("adaptive", new AdaptiveMaxPool2d(3));
        private final Conv2d conv = registerModule("conv", Conv2d.builder(4, 1, 3).padding(Padding.SAME).build());

        @Override
        public Tensor forward(Tensor x) {
            MaxPool2dResult p = pool.forwardWithIndices(x);
            Tensor up = unpool.forward(p.values(), p.indices(), new int[] {(int) x.size(2), (int) x.size(3)});
            return adaptive.forward(conv.forward(unshuffle.forward(upsample.forward(up))));
        }
    }

    @Test
    void summaryShowsTheNewLayersAndTheirReceptiveFields() {
        Summary s = Summary.of(new PoolUnpool(), 1, 1, 8, 8);
        assertEquals(List.of("pool", "unpool", "upsample", "unshuffle", "conv", "adaptive"),
                s.rows().stream().map(SummaryRow::name).toList());
        assertEquals("MaxUnpool2d 2x2 s(2, 2)", s.rows().get(1).type());
        assertEquals("Upsample bilinear", s.rows().get(2).type());
        // Resampling leaves the sliding-window arithmetic, as a transposed convolution does.
        assertEquals(List.of("2x2", "-", "-", "-", "-", "-"), s.rows().stream().map(SummaryRow::receptiveField).toList());
        assertArrayEquals(new long[] {1, 1, 8, 8}, s.rows().get(1).outputShape());
        assertArrayEquals(new long[] {1, 1, 4, 4}, s.rows().get(2).outputShape());
        assertArrayEquals(new long[] {1, 4, 2, 2}, s.rows().get(3).outputShape());
        assertArrayEquals(new long[] {1, 1, 3, 3}, s.outputShape());
        Summary noUnpool = Summary.of(new Sequential(new PixelUnshuffle(2), Conv2d.builder(4, 2, 3).build(),
                new AdaptiveMaxPool2d(2), new AdaptiveMaxPool2d(1)), 1, 1, 12, 12);
        // unshuffle: a 2x2 block at stride 2; then 3x3 sees 2 + 2·2 = 6; adaptive 4 -> 2 bins of 2; global.
        assertEquals(List.of("2x2", "6x6", "8x8", "global"),
                noUnpool.rows().stream().map(SummaryRow::receptiveField).toList());
    }
}
