package io.github.minidl.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConvSpecTest {

    @Test
    void outputSizeFollowsTheFloorFormula() {
        ConvSpec s = ConvSpec.builder(3, 8, 3).stride(2).padding(1).build();
        assertArrayEquals(new int[] {14, 14}, s.outputSize(28, 28));
        assertArrayEquals(new int[] {14, 13}, s.outputSize(28, 26));
        ConvSpec dilated = ConvSpec.builder(1, 1, 3).dilation(2).build();
        assertArrayEquals(new int[] {1, 1}, dilated.outputSize(5, 5));
        assertEquals(5, dilated.effectiveKernel(0));
    }

    @Test
    void transposedOutputSizeFollowsItsFormula() {
        TransposedConvSpec t = ConvSpec.builder(4, 2, 4).stride(2).padding(1).buildTransposed();
        assertArrayEquals(new int[] {28, 28}, t.outputSize(14, 14));
        TransposedConvSpec op = ConvSpec.builder(4, 2, 3).stride(2).padding(1).outputPadding(1).buildTransposed();
        assertArrayEquals(new int[] {28, 28}, op.outputSize(14, 14));
    }

    @Test
    void transposeOfRestoresTheInputSize() {
        for (int h = 5; h < 12; h++) {
            ConvSpec conv = ConvSpec.builder(2, 6, 3, 2).stride(3, 2).padding(1, 0).dilation(1, 2).groups(2).build();
            int[] out = conv.outputSize(h, h + 1);
            TransposedConvSpec back = conv.transposeOf(h, h + 1);
            assertArrayEquals(new int[] {h, h + 1}, back.outputSize(out[0], out[1]), "h=" + h);
            assertEquals(6, back.inChannels());
            assertEquals(2, back.outChannels());
            assertEquals(conv, back.adjoint());
            assertEquals(back, back.toBuilder().buildTransposed());
        }
    }

    @Test
    void aTransposedSpecIsTheAdjointOfItsConvolutionWithTheSameWeight() {
        TransposedConvSpec t = ConvSpec.builder(6, 4, 3, 5).stride(2).dilation(1, 3).groups(2).outputPadding(1, 1)
                .buildTransposed();
        ConvSpec conv = t.adjoint();
        assertEquals(4, conv.inChannels());
        assertEquals(6, conv.outChannels());
        assertArrayEquals(conv.weightShape(), t.weightShape());
        int[] out = t.outputSize(5, 7);
        assertArrayEquals(new int[] {5, 7}, conv.outputSize(out[0], out[1]), "the adjoint maps the output back");
        assertEquals(conv.macs(5, 7), t.macs(5, 7));
    }

    @Test
    void outputSizeArgumentPicksTheOutputPadding() {
        TransposedConvSpec t = ConvSpec.builder(1, 1, 3).stride(2).padding(1).buildTransposed();
        // minSize = (4 - 1)·2 - 2·1 + 3 = 7; output padding 0 or 1 reaches 7 or 8.
        assertArrayEquals(new int[] {1, 0}, t.outputPaddingFor(new long[] {1, 1, 4, 4}, new int[] {8, 7}));
        assertArrayEquals(new int[] {0, 1}, t.outputPaddingFor(new long[] {1, 4, 4}, new int[] {1, 7, 8}));
        var e = assertThrows(IllegalArgumentException.class,
                () -> t.outputPaddingFor(new long[] {1, 4, 4}, new int[] {9, 7}));
        assertTrue(e.getMessage().contains("outputSize=[9, 7] is unreachable from input [4, 4]")
                && e.getMessage().contains("H: outputPadding 0 gives 7, outputPadding 1 gives 8"), e.getMessage());
    }

    @Test
    void outputPaddingBelongsToTransposedSpecsOnly() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConvSpec.builder(1, 1, 3).stride(2).outputPadding(1).build());
        assertTrue(e.getMessage().contains("outputPadding=[1, 1] applies to a transposed convolution only"), e.getMessage());
    }

    @Test
    void weightShapesFollowPyTorchLayouts() {
        ConvSpec s = ConvSpec.builder(6, 4, 3, 5).groups(2).build();
        assertArrayEquals(new long[] {4, 3, 3, 5}, s.weightShape());
        assertArrayEquals(new long[] {6, 2, 3, 5}, ConvSpec.builder(6, 4, 3, 5).groups(2).buildTransposed().weightShape());
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("kernelSize=[0, 3] must be positive", (Supplier<ConvSpec>) () -> ConvSpec.builder(1, 1, 0, 3).build()),
                Arguments.of("stride=[1, 0] must be positive", (Supplier<ConvSpec>) () -> ConvSpec.builder(1, 1, 3).stride(1, 0).build()),
                Arguments.of("dilation=[-1, -1] must be positive", (Supplier<ConvSpec>) () -> ConvSpec.builder(1, 1, 3).dilation(-1).build()),
                Arguments.of("padding=[0, -2] must be non-negative", (Supplier<ConvSpec>) () -> ConvSpec.builder(1, 1, 3).padding(0, -2).build()),
                Arguments.of("outputPadding=[-1, -1] must be non-negative", (Supplier<Object>) () -> ConvSpec.builder(1, 1, 3).outputPadding(-1).buildTransposed()),
                Arguments.of("groups=0 must be positive", (Supplier<ConvSpec>) () -> ConvSpec.builder(2, 2, 3).groups(0).build()),
                Arguments.of("inChannels=6 must be divisible by groups=4", (Supplier<ConvSpec>) () -> ConvSpec.builder(6, 4, 3).groups(4).build()),
                Arguments.of("outChannels=3 must be divisible by groups=2", (Supplier<ConvSpec>) () -> ConvSpec.builder(4, 3, 3).groups(2).build()),
                Arguments.of("inChannels=0 must be positive", (Supplier<ConvSpec>) () -> ConvSpec.builder(0, 3, 3).build()),
                Arguments.of("outputPadding=[2, 0] must be smaller than max(stride, dilation)=[2, 1]",
                        (Supplier<Object>) () -> ConvSpec.builder(1, 1, 3).stride(2, 1).outputPadding(2, 0).buildTransposed()),
                Arguments.of("stride=[1, 2, 3] must have one value or an (H, W) pair",
                        (Supplier<ConvSpec>) () -> ConvSpec.builder(1, 1, 3).stride(new int[] {1, 2, 3}).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void invalidSpecsNameParameterValueAndRule(String fragment, Supplier<?> build) {
        var e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void outputPaddingMayReachDilationMinusOne() {
        TransposedConvSpec s = ConvSpec.builder(1, 1, 3).stride(1).dilation(3).outputPadding(2).buildTransposed();
        assertEquals(2, s.outputPadding(0));
    }

    @Test
    void emptyOutputIsRejected() {
        ConvSpec s = ConvSpec.builder(1, 1, 5).build();
        var e = assertThrows(IllegalArgumentException.class, () -> s.outputSize(4, 9));
        assertTrue(e.getMessage().contains("output size [0, 5] must be at least 1"), e.getMessage());
    }

    @Test
    void macsCountMultiplyAccumulates() {
        ConvSpec s = ConvSpec.builder(32, 64, 3).padding(1).build();
        assertEquals(64L * 28 * 28 * 32 * 9, s.macs(28, 28));
        ConvSpec dw = ConvSpec.builder(32, 32, 3).groups(32).build();
        assertEquals(32L * 28 * 28 * 9, dw.macs(28, 28));
        assertTrue(dw.isDepthwise());
    }
}
