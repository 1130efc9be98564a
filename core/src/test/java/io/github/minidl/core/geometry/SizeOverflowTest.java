package io.github.minidl.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Convolution and pooling size arithmetic at the edge of int: every number in a message is the
 * true one (no wrapped negatives), and sizes that cannot be an array are refused up front.
 */
class SizeOverflowTest {
    private static final int TWO_30 = 1 << 30;

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void dilatedKernelExtentIsReportedWithoutWrapping() {
        ConvSpec s = ConvSpec.builder(1, 1, 3).dilation(TWO_30).build();
        assertEquals(2147483649L, s.effectiveKernel(0));
        String m = message(() -> s.outputSize(4, 4));
        assertTrue(m.contains("dilated kernel [2147483649, 2147483649]") && m.contains("dilation=[1073741824"), m);
        assertTrue(!m.contains("-"), m);
    }

    @Test
    void hugePaddingIsRefusedByItsOutputSizeNotCalledSmallerThanTheKernel() {
        ConvSpec s = ConvSpec.builder(1, 1, 3).padding(TWO_30).build();
        String m = message(() -> s.outputSize(4, 4));
        assertTrue(m.contains("padding=[1073741824, 1073741824]") && m.contains("2147483650")
                && m.contains("at most 2147483647"), m);
        assertTrue(!m.contains("smaller than"), m);
        // Still exact just below the limit: 1 + 2·(2^30 - 1) - 3 + 1 = 2^31 - 3.
        assertArrayEquals(new int[] {2147483645, 2147483645},
                ConvSpec.builder(1, 1, 3).padding(TWO_30 - 1).build().outputSize(1, 1));
    }

    @Test
    void transposedOutputBeyondIntNamesStrideAndTheTrueSize() {
        TransposedConvSpec s = ConvSpec.builder(1, 1, 3).stride(TWO_30).buildTransposed();
        String m = message(() -> s.outputSize(4, 4));
        // (4 - 1)·2^30 + 3 = 3221225475
        assertTrue(m.contains("stride=[1073741824, 1073741824]") && m.contains("3221225475")
                && m.contains("at most 2147483647"), m);
        assertTrue(!m.contains("-1073741821"), m);
    }

    @Test
    void transposedOutputThatIsNoArrayIsRefusedBeforeAllocating() {
        // (4 - 1)·2^28 + 3 = 805306371 per axis fits an int; the [1, 1, 805306371, 805306371] array does not.
        String m = message(() -> ConvArguments.convTranspose2d(new long[] {1, 1, 4, 4}, new long[] {1, 1, 3, 3},
                null, new int[] {1 << 28}, new int[] {0}, new int[] {0}, 1, new int[] {1}));
        assertTrue(m.contains("convTranspose2d output [1, 1, 805306371, 805306371]")
                && m.contains("at most 2147483647") && m.contains("stride=[268435456, 268435456]"), m);
    }

    @Test
    void convOutputThatIsNoArrayIsRefused() {
        String m = message(() -> ConvArguments.conv2d(new long[] {1, 1, 1, 1}, new long[] {1, 1, 1, 1}, null,
                new int[] {1}, new int[] {1 << 20}, new int[] {1}, 1));
        assertTrue(m.contains("conv2d output [1, 1, 2097153, 2097153]") && m.contains("at most 2147483647")
                && m.contains("padding"), m);
    }

    @Test
    void weightThatIsNoArrayIsRefusedByTheSpec() {
        String m = message(() -> ConvSpec.builder(1 << 20, 1 << 20, 3).build());
        assertTrue(m.contains("weight [1048576, 1048576, 3, 3]") && m.contains("9895604649984 elements")
                && m.contains("at most 2147483647"), m);
    }

    @Test
    void poolingGeometryIsComputedInLong() {
        PoolSpec s = PoolSpec.builder(TWO_30).stride(1).dilation(4).build();
        String m = message(() -> s.outputSize(4, 4));
        // 4·(2^30 - 1) + 1 = 4294967293
        assertTrue(m.contains("dilated kernel [4294967293, 4294967293]") && m.contains("dilation=[4, 4]"), m);
        // A huge kernel half in the padding is legal: five windows, found without a walk over 2^30 taps.
        PoolSpec padded = PoolSpec.builder(TWO_30).stride(1).padding(TWO_30 / 2).build();
        assertArrayEquals(new int[] {5, 5}, padded.outputSize(4, 4));
    }
}
