package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Padding rules of Conv2d and output-size resolution of ConvTranspose2d. */
class ConvLayerTest {

    @ParameterizedTest(name = "in={0} k={1} s={2} d={3} -> out {4}, pads ({5}, {6})")
    @CsvSource({
        // stride 1: PyTorch's 'same', total d(k-1), extra at the bottom/right
        "7, 3, 1, 1, 7, 1, 1", "7, 2, 1, 1, 7, 0, 1", "6, 4, 1, 1, 6, 1, 2", "6, 5, 1, 1, 6, 2, 2",
        "6, 3, 1, 2, 6, 2, 2", "5, 2, 1, 3, 5, 1, 2", "4, 1, 1, 1, 4, 0, 0",
        // stride 2: TensorFlow's rule, out = ceil(in / s)
        "5, 3, 2, 1, 3, 1, 1", "6, 3, 2, 1, 3, 0, 1", "7, 4, 2, 1, 4, 1, 2", "8, 2, 2, 1, 4, 0, 0",
        "6, 1, 2, 1, 3, 0, 0", "9, 3, 3, 1, 3, 0, 0", "10, 3, 3, 1, 4, 1, 1", "6, 3, 2, 2, 3, 1, 2"})
    void samePaddingSizes(int in, int k, int s, int d, int out, int before, int after) {
        Conv2d c = Conv2d.builder(1, 1, k).stride(s).dilation(d).padding(Padding.SAME).build();
        Tensor y = c.forward(Tensor.zeros(DataType.FLOAT, 1, 1, in, in + 1));
        assertEquals(out, y.size(2), "H");
        assertEquals((in + 1 + s - 1) / s, y.size(3), "W = ceil(in / s)");
        int[] p = c.pads(new long[] {1, 1, in, in});
        assertArrayEquals(new int[] {before, after, before, after}, p);
    }

    @Test
    void sameWithOddTotalEqualsExplicitBottomRightPad() {
        SplittableRandom rng = new SplittableRandom(3);
        Conv2d c = Conv2d.builder(2, 3, 2, 4).padding(Padding.SAME).build();
        c.to(DataType.DOUBLE);
        Tensor x = Tensors.randn(rng, DataType.DOUBLE, 1, 2, 5, 6);
        Tensor expected = F.conv2d(F.pad(x, 1, 2, 0, 1), c.weight().tensor(), c.bias().tensor());
        assertAllClose(expected.data(), c.forward(x).data(), 1e-12, "same = pad(left 1, right 2, top 0, bottom 1)");
    }

    @Test
    void validAndExplicitPadding() {
        Conv2d v = Conv2d.builder(1, 1, 3).padding(Padding.VALID).build();
        assertArrayEquals(new long[] {1, 1, 3, 4}, v.forward(Tensor.zeros(DataType.FLOAT, 1, 1, 5, 6)).shape());
        Conv2d e = Conv2d.builder(1, 1, 3).padding(2, 0).stride(2).build();
        assertArrayEquals(new long[] {1, 1, 4, 2}, e.forward(Tensor.zeros(DataType.FLOAT, 1, 1, 5, 6)).shape());
    }

    @Test
    void convTransposeOutputSizeResolvesAmbiguity() {
        // Conv2d(k3, s2, p1) maps both 7 and 8 to 4; the transposed layer reaches either on request.
        ConvTranspose2d t = ConvTranspose2d.builder(1, 1, 3).stride(2).padding(1).build();
        Tensor x = Tensor.zeros(DataType.FLOAT, 1, 1, 4, 4);
        assertArrayEquals(new long[] {1, 1, 7, 7}, t.forward(x).shape());
        assertArrayEquals(new long[] {1, 1, 8, 7}, t.forward(x, new int[] {8, 7}).shape());
        assertArrayEquals(new long[] {1, 1, 7, 8}, t.forward(x, new int[] {1, 1, 7, 8}).shape());
        assertArrayEquals(new int[] {1, 0}, t.outputPaddingFor(x.shape(), new int[] {8, 7}));
        // outputSize(8) equals a layer built with outputPadding 1, bit for bit
        ConvTranspose2d op = ConvTranspose2d.builder(1, 1, 3).stride(2).padding(1).outputPadding(1).build();
        op.loadStateDict(t.stateDict(), io.github.minidl.layers.checkpoint.KeyMatching.STRICT);
        Tensor r = Tensor.of(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4));
        assertBitEqual(op.forward(r).data(), t.forward(r, new int[] {8, 8}).data(), "outputSize 8 against outputPadding 1");
    }

    @Test
    void unreachableOutputSizeListsWhatEachOutputPaddingGives() {
        ConvTranspose2d t = ConvTranspose2d.builder(1, 1, 3).stride(2).padding(1).build();
        Tensor x = Tensor.zeros(DataType.FLOAT, 1, 1, 6, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> t.forward(x, new int[] {13, 11}));
        String m = e.getMessage();
        assertTrue(m.contains("outputSize=[13, 11] is unreachable from input [6, 6]"), m);
        assertTrue(m.contains("H: outputPadding 0 gives 11, outputPadding 1 gives 12"), m);
        assertTrue(m.contains("W: outputPadding 0 gives 11, outputPadding 1 gives 12"), m);
        var small = assertThrows(IllegalArgumentException.class, () -> t.forward(x, new int[] {10, 11}));
        assertTrue(small.getMessage().contains("unreachable"), small.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> t.forward(x, new int[] {11}));
        assertTrue(rank.getMessage().contains("outputSize=[11]"), rank.getMessage());
        // dilation above stride makes more output paddings valid (as the constructor allows)
        ConvTranspose2d dil = ConvTranspose2d.builder(1, 1, 3).dilation(3).build();
        assertArrayEquals(new long[] {1, 1, 13, 14}, dil.forward(x, new int[] {13, 14}).shape());
        var d = assertThrows(IllegalArgumentException.class, () -> dil.forward(x, new int[] {15, 12}));
        assertTrue(d.getMessage().contains("H: outputPadding 0 gives 12, outputPadding 1 gives 13, outputPadding 2 gives 14"),
                d.getMessage());
    }

    @Test
    void pixelShuffleIndexing() {
        Tensor x = Tensor.of(org.nd4j.linalg.factory.Nd4j.arange(2 * 8 * 2 * 3).castTo(DataType.FLOAT)
                .reshape(2, 8, 2, 3));
        Tensor y = new PixelShuffle(2).forward(x);
        assertArrayEquals(new long[] {2, 2, 4, 6}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 6; w++) {
                        assertEquals(x.data().getDouble(n, c * 4 + (h % 2) * 2 + w % 2, h / 2, w / 2),
                                y.data().getDouble(n, c, h, w), 0.0, "y[" + n + ", " + c + ", " + h + ", " + w + "]");
                    }
                }
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new PixelShuffle(2).forward(Tensor.zeros(DataType.FLOAT, 1, 6, 2, 2)));
        assertTrue(e.getMessage().contains("upscaleFactor²=4"), e.getMessage());
    }

    @Test
    void depthwiseSeparableStructure() {
        DepthwiseSeparableConv2d s = DepthwiseSeparableConv2d.builder(3, 8, 3).depthMultiplier(2).padding(Padding.SAME)
                .normalization(new BatchNorm2d(6)).activation(new ReLU()).build();
        assertArrayEquals(new long[] {6, 1, 3, 3}, s.depthwise().weight().shape());
        assertArrayEquals(new long[] {8, 6, 1, 1}, s.pointwise().weight().shape());
        assertEquals(6, s.depthwise().spec().groups() * 2);
        assertArrayEquals(new long[] {2, 8, 5, 4}, s.forward(Tensor.zeros(DataType.FLOAT, 2, 3, 5, 4)).shape());
        assertEquals(java.util.List.of("depthwise", "norm", "act", "pointwise"),
                new java.util.ArrayList<>(s.namedChildren().keySet()));
    }
}
