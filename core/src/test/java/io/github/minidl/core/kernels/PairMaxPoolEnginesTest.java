package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.pooling.MaxPoolArrays;
import io.github.minidl.core.pooling.PairMaxPoolArrays;
import io.github.minidl.core.pooling.PoolKernels;
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

/**
 * The 2×2, stride-2 max pooling of every engine, forward and backward, against the indexed kernel
 * and its scatter, bit for bit: seeded random shapes (odd sizes, ceil mode where it adds no
 * window), values with ties and signed zeros, and values with NaN and infinities, which must
 * follow PyTorch's rule (the last NaN of a window wins) on every engine.
 */
class PairMaxPoolEnginesTest {
    private static final double[] TIES = {-1, 0, -0.0, 0.5, 2};
    private static final double[] NON_FINITE = {-1, 0, -0.0, 0.5, 2, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.NaN};

    /** A seeded random shape and palette; palette null means Gaussian values. */
    record Config(int seed, long[] shape, boolean ceilMode, double[] palette) {
        @Override
        public String toString() {
            return "seed " + seed + " " + java.util.Arrays.toString(shape) + (ceilMode ? " ceil" : "")
                    + (palette == null ? " gaussian" : palette == TIES ? " ties" : " NaN and infinities");
        }
    }

    static Stream<Config> configs() {
        return IntStream.range(0, 36).mapToObj(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int h = 2 + rng.nextInt(12);
            int w = 2 + rng.nextInt(12);
            long[] shape = {1 + rng.nextInt(3), 1 + rng.nextInt(6), h, w};
            double[] palette = seed % 3 == 0 ? null : seed % 3 == 1 ? TIES : NON_FINITE;
            return new Config(seed, shape, h % 2 == 0 && w % 2 == 0 && rng.nextBoolean(), palette);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyEngineEqualsTheIndexedKernelBitForBit(Config c) {
        SplittableRandom rng = new SplittableRandom(c.seed() + 1000);
        PoolSpec spec = PoolSpec.builder(2).ceilMode(c.ceilMode()).build();
        int h = (int) c.shape()[2];
        int w = (int) c.shape()[3];
        assertTrue(PoolKernels.isPairPooling(spec, h, w), c.toString());
        INDArray x = c.palette() == null ? RandomArrays.randn(rng, DataType.FLOAT, c.shape())
                : values(rng, c.palette(), c.shape());
        INDArray gy = values(rng, new double[] {-0.0, 0, 1.5, -2, 0.25}, new long[] {c.shape()[0], c.shape()[1], h / 2, w / 2});
        MaxPoolArrays expected = PoolKernels.maxPool2d(x, spec);
        INDArray expectedGx = PoolKernels.scatterPlanes(gy, expected.indices(), h, w);
        for (ConvEngine e : ConvEngines.available()) {
            PairMaxPoolArrays pooled = ConvKernels.using(e, () -> PoolKernels.maxPool2x2(x));
            assertBitEqual(expected.values(), pooled.values(), e.name() + " values");
            INDArray gx = ConvKernels.using(e,
                    () -> PoolKernels.maxPool2x2Backward(x, pooled.values(), pooled.workspace(), gy));
            assertBitEqual(expectedGx, gx, e.name() + " gradient");
        }
    }

    /**
     * oneDNN runs finite inputs itself (a workspace comes back) and leaves NaN and -∞ to the own
     * loops: on its own it would skip the NaN and give the lowest finite float for the -∞ window.
     */
    @Test
    void oneDnnPoolsFiniteInputsAndSendsNaNToTheOwnLoops() {
        ConvEngine oneDnn = ConvEngines.oneDnn().orElse(null);
        assumeTrue(oneDnn != null, "oneDNN does not run on this machine");
        INDArray x = RandomArrays.randn(new SplittableRandom(5), DataType.FLOAT, 2, 3, 6, 8);
        assertNotNull(ConvKernels.using(oneDnn, () -> PoolKernels.maxPool2x2(x)).workspace(), "finite input");
        for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
            INDArray y = x.dup();
            for (int tap = 0; tap < 4; tap++) {
                y.putScalar(new long[] {1, 2, 2 + tap / 2, 4 + tap % 2}, bad);
            }
            PairMaxPoolArrays pooled = ConvKernels.using(oneDnn, () -> PoolKernels.maxPool2x2(y));
            assertNull(pooled.workspace(), "input with " + bad);
            assertEquals(bad, pooled.values().getDouble(1, 2, 1, 2), 0.0, "the window holding " + bad);
        }
    }

    @Test
    void aWorkspaceOfAnotherShapeIsRejected() {
        ConvEngine oneDnn = ConvEngines.oneDnn().orElse(null);
        assumeTrue(oneDnn != null, "oneDNN does not run on this machine");
        INDArray x = RandomArrays.randn(new SplittableRandom(6), DataType.FLOAT, 2, 3, 6, 8);
        INDArray other = RandomArrays.randn(new SplittableRandom(7), DataType.FLOAT, 1, 3, 6, 8);
        PairMaxPoolArrays pooled = ConvKernels.using(oneDnn, () -> PoolKernels.maxPool2x2(x));
        PairMaxPoolArrays small = ConvKernels.using(oneDnn, () -> PoolKernels.maxPool2x2(other));
        var e = assertThrows(IllegalArgumentException.class, () -> ConvKernels.using(oneDnn,
                () -> PoolKernels.maxPool2x2Backward(x, pooled.values(), small.workspace(), pooled.values())));
        assertTrue(e.getMessage().contains("workspace"), e.getMessage());
    }

    private static INDArray values(SplittableRandom rng, double[] palette, long[] shape) {
        double[] v = new double[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        for (int i = 0; i < v.length; i++) {
            v[i] = palette[rng.nextInt(palette.length)];
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(DataType.FLOAT);
    }
}
