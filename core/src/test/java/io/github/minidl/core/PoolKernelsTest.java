package io.github.minidl.core;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pooling kernels against PyTorch's golden cases, plus adjointness and validation. */
class PoolKernelsTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> maxPoolCases() {
        return Golden.cases("training_cases", "max_pool2d");
    }

    static Stream<GoldenCase> avgPoolCases() {
        return Golden.cases("training_cases", "avg_pool2d");
    }

    static Stream<GoldenCase> adaptiveCases() {
        return Golden.cases("training_cases", "adaptive_avg_pool2d");
    }

    static PoolSpec spec(GoldenCase c) {
        PoolSpec.Builder b = PoolSpec.builder(c.ints("kernel_size")).stride(c.ints("stride"))
                .padding(c.ints("padding")).ceilMode(c.boolParam("ceil_mode"));
        if (c.params().has("dilation")) {
            b.dilation(c.ints("dilation"));
        }
        if (c.params().has("count_include_pad")) {
            b.countIncludePad(c.boolParam("count_include_pad"));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPoolCases")
    void maxPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        MaxPoolResult r = PoolKernels.maxPool2d(x, spec(c));
        assertAllClose(c.tensor("y"), r.values(), 0, "y");
        assertArrayEquals(c.tensor("indices", DataType.LONG).data().asLong(), r.indices().data().asLong(), "indices");
        INDArray gx = PoolKernels.scatterPlanes(c.tensor("gy"), r.indices(), (int) x.size(2), (int) x.size(3));
        assertAllClose(c.tensor("gx"), gx, TOL, "gx");
        assertAllClose(r.values(), PoolKernels.gatherPlanes(x, r.indices()), 0, "gather = forward");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPoolCases")
    void avgPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        PoolSpec s = spec(c);
        assertAllClose(c.tensor("y"), PoolKernels.avgPool2d(x, s), TOL, "y");
        assertAllClose(c.tensor("gx"), PoolKernels.avgPool2dAdjoint(c.tensor("gy"), s, (int) x.size(2), (int) x.size(3)),
                TOL, "gx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptiveCases")
    void adaptiveAvgPoolMatchesPyTorch(GoldenCase c) {
        INDArray x = c.tensor("x");
        int[] o = c.ints("output_size");
        assertAllClose(c.tensor("y"), PoolKernels.adaptiveAvgPool2d(x, o[0], o[1]), TOL, "y");
        assertAllClose(c.tensor("gx"), PoolKernels.adaptiveAvgPool2dAdjoint(c.tensor("gy"), (int) x.size(2), (int) x.size(3)),
                TOL, "gx");
    }

    @Test
    void averagePoolingAdjointsSatisfyTheDotProductIdentity() {
        var rng = new SplittableRandom(5);
        INDArray x = RandomArrays.randn(rng, 2, 3, 7, 6);
        PoolSpec s = PoolSpec.builder(new int[] {3, 2}).stride(new int[] {2, 1}).padding(1).ceilMode(true)
                .countIncludePad(false).build();
        INDArray y = PoolKernels.avgPool2d(x, s);
        INDArray g = RandomArrays.randn(rng, y.shape());
        double lhs = y.mul(g).sumNumber().doubleValue();
        double rhs = x.mul(PoolKernels.avgPool2dAdjoint(g, s, 7, 6)).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-10);
        INDArray a = PoolKernels.adaptiveAvgPool2d(x, 3, 4);
        INDArray ga = RandomArrays.randn(rng, a.shape());
        assertEquals(a.mul(ga).sumNumber().doubleValue(),
                x.mul(PoolKernels.adaptiveAvgPool2dAdjoint(ga, 7, 6)).sumNumber().doubleValue(), 1e-10);
    }

    @Test
    void float32StaysFloat32() {
        INDArray x = RandomArrays.randn(new SplittableRandom(6), DataType.FLOAT, 1, 2, 4, 4);
        PoolSpec s = PoolSpec.builder(2).build();
        assertEquals(DataType.FLOAT, PoolKernels.maxPool2d(x, s).values().dataType());
        assertEquals(DataType.FLOAT, PoolKernels.avgPool2d(x, s).dataType());
        assertEquals(DataType.FLOAT, PoolKernels.adaptiveAvgPool2d(x, 1, 1).dataType());
    }

    @Test
    void ceilModeDropsAWindowStartingInThePadding() {
        PoolSpec s = PoolSpec.builder(2).stride(2).padding(1).ceilMode(true).build();
        assertArrayEquals(new int[] {3, 3}, s.outputSize(5, 5));
        assertArrayEquals(new int[] {3, 3}, PoolSpec.builder(2).stride(2).padding(1).build().outputSize(5, 5));
        assertArrayEquals(new int[] {3, 3}, PoolSpec.builder(3).stride(2).ceilMode(true).build().outputSize(6, 6));
    }

    @Test
    void invalidSpecsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(2).padding(2).build());
        assertTrue(e.getMessage().contains("padding=[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(new int[] {0, 2}).build());
        assertTrue(e.getMessage().contains("kernelSize=[0, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolSpec.builder(3).build().outputSize(2, 5));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.gatherPlanes(RandomArrays.randn(new SplittableRandom(1), 1, 1, 2, 2),
                        org.nd4j.linalg.factory.Nd4j.createFromArray(9L).reshape(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("indices"), e.getMessage());
    }
}
