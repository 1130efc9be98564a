package io.github.minidl.core.onednn;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvEngines;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.kernels.WeightBiasGrads;
import io.github.minidl.core.onednn.OneDnnConv.Key;
import io.github.minidl.core.onednn.OneDnnConv.Kind;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch chunks: how many a geometry gets, and that a convolution run in chunks shares blocked
 * copies between its kernels as a whole-batch one does, with results that do not depend on it.
 * (That chunked results equal minidl's own kernels is {@code ConvEnginesAgreeTest}'s.)
 */
class OneDnnChunksTest {
    private static final ConvSpec D1 = ConvSpec.builder(64, 64, 3).padding(1).groups(64).build();
    private static final long MIB = 1L << 20;

    @Test
    void aMemoryBoundKernelSplitsItsBatchIntoTheFewestChunksUnderTheBound() {
        // 64 channels of 28×28 floats: 200,704 bytes a sample, 12.8 MB for 64.
        Key key = new Key(Kind.CONV_FORWARD, D1, 64, 28, 28, 28, 28, true);
        assertEquals(8, OneDnnConv.chunkCount(key, 2 * MIB), "7 chunks fit 2 MiB; 8 divide 64");
        assertEquals(2, OneDnnConv.chunkCount(key, 7 * MIB));
        assertEquals(64, OneDnnConv.chunkCount(key, 1), "at least one sample a chunk");
        assertEquals(1, OneDnnConv.chunkCount(key, 13 * MIB), "the whole batch fits");
        Key prime = new Key(Kind.CONV_FORWARD, D1, 61, 28, 28, 28, 28, true);
        assertEquals(1, OneDnnConv.chunkCount(prime, 2 * MIB), "no count from 6 to 12 divides 61");
    }

    @Test
    void aConvolutionAndItsAdjointGetTheSameChunks() {
        ConvSpec s = ConvSpec.builder(32, 16, 4).stride(2).padding(1).build();
        Key conv = new Key(Kind.CONV_WEIGHTS, s, 64, 28, 28, 14, 14, true);
        // The deconvolution's input is the convolution's output, its output the convolution's input.
        Key deconv = new Key(Kind.DECONV_FORWARD, s, 64, 14, 14, 28, 28, false);
        assertEquals(OneDnnConv.chunkCount(conv, MIB), OneDnnConv.chunkCount(deconv, MIB));
        assertTrue(OneDnnConv.chunkCount(conv, MIB) > 1);
    }

    @Test
    void aComputeBoundKernelRunsItsBatchWhole() {
        // L1: 288 FLOPs per activation byte.
        ConvSpec l1 = ConvSpec.builder(128, 128, 3).padding(1).build();
        for (Kind kind : Kind.values()) {
            assertEquals(1, OneDnnConv.chunkCount(new Key(kind, l1, 32, 32, 32, 32, 32, true), 1), kind.toString());
        }
    }

    @Test
    void theChunkBoundMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneDnnEngine.load(ConvEngines.own(), 0));
        assertTrue(e.getMessage().contains("chunkBytes = 0"), e.getMessage());
    }

    @Test
    void chunkedKernelsShareBlockedCopiesAsWholeOnesDo() {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        OneDnnEngine chunked = OneDnnEngine.load(ConvEngines.own(), 1);
        ConvSpec s = ConvSpec.builder(16, 32, 3).padding(1).build();
        assertEquals(4, OneDnnConv.chunkCount(new Key(Kind.CONV_FORWARD, s, 4, 10, 9, 10, 9, false), 1));
        TransposedConvSpec back = s.transposeOf(10, 9);
        SplittableRandom rng = new SplittableRandom(5);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, 4, 16, 10, 9);
        INDArray w = RandomArrays.randn(rng, DataType.FLOAT, 32, 16, 3, 3);
        INDArray gy = RandomArrays.randn(rng, DataType.FLOAT, 4, 32, 10, 9);

        INDArray gx = Nd4j.create(DataType.FLOAT, 4, 16, 10, 9);
        chunked.convTranspose2d(gy, w, null, back, gx);
        WeightBiasGrads separate = chunked.conv2dWeightBiasGrad(x, gy, s);

        long before = chunked.sharedCopiesUsed();
        Object token = new Object();
        INDArray gxShared = Nd4j.create(DataType.FLOAT, 4, 16, 10, 9);
        WeightBiasGrads shared = ConvKernels.sharingConversions(token, () -> {
            chunked.conv2d(x, w, null, s, Nd4j.create(DataType.FLOAT, 4, 32, 10, 9));
            chunked.convTranspose2d(gy, w, null, back, gxShared);
            return chunked.conv2dWeightBiasGrad(x, gy, s);
        });
        assertEquals(before + 2, chunked.sharedCopiesUsed(), "x from the forward, gy from the input gradient");
        assertBitEqual(gx, gxShared, "gx");
        assertBitEqual(separate.weight(), shared.weight(), "gw from shared copies");
        assertBitEqual(separate.bias(), shared.bias(), "gb from shared copies");
    }
}
