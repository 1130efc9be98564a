package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.views.ConvViews;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolutions whose im2col matrix is larger than one block are computed in bands of output
 * rows; the banded result must equal the sliding window. The block limit is lowered so that
 * small inputs take the banded path.
 */
class Im2ColBandsTest {
    private static final ConvSpec SPEC = ConvSpec.builder(4, 6, 3).stride(2, 1).padding(2, 1).dilation(2, 1)
            .groups(2).build();
    private static final int H = 11;
    private static final int W = 7;

    @AfterEach
    void restoreLimit() {
        Im2ColGemm.setBlockLimit(Im2ColGemm.BLOCK_LIMIT);
    }

    /** Limits of 1, 2 and 4 output rows per band (the last band shorter), and one band. */
    @ParameterizedTest(name = "rows per band {0}")
    @ValueSource(ints = {1, 2, 4, 100})
    void bandedForwardAndGradientsEqualTheSlidingWindow(int rowsPerBand) {
        int[] out = SPEC.outputSize(H, W);
        assertArrayEquals(new int[] {6, 7}, out);
        // rows of the im2col matrix: inChannels·kH·kW = 36; one output row has 36·7 elements.
        Im2ColGemm.setBlockLimit(36 * out[1] * rowsPerBand);
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x = RandomArrays.randn(rng, 2, 4, H, W);
        INDArray w = RandomArrays.randn(rng, SPEC.weightShape());
        INDArray b = RandomArrays.randn(rng, 6);
        INDArray gy = RandomArrays.randn(rng, 2, 6, out[0], out[1]);

        assertAllClose(ConvViews.slidingWindow(x, w, b, SPEC), ConvKernels.conv2d(x, w, b, SPEC), 1e-12, "forward");
        TransposedConvSpec back = SPEC.transposeOf(H, W);
        assertAllClose(ConvViews.slidingWindowTranspose(gy, w, null, back), ConvKernels.convTranspose2d(gy, w, null, back),
                1e-12, "input gradient");
        assertAllClose(weightGradByDefinition(x, gy, SPEC), ConvKernels.conv2dWeightGrad(x, gy, SPEC), 1e-12,
                "weight gradient");
    }

    /** gW[o, c, i, j] = Σ_n,p,q gy[n, o, p, q] · x[n, g·C/g + c, p·s - pad + i·d, q·s - pad + j·d]. */
    private static INDArray weightGradByDefinition(INDArray x, INDArray gy, ConvSpec s) {
        long[] ws = s.weightShape();
        INDArray gw = Nd4j.zeros(DataType.DOUBLE, ws);
        int inPerGroup = (int) ws[1];
        int outPerGroup = s.outChannels() / s.groups();
        for (int o = 0; o < ws[0]; o++) {
            for (int c = 0; c < inPerGroup; c++) {
                int channel = o / outPerGroup * inPerGroup + c;
                for (int i = 0; i < ws[2]; i++) {
                    for (int j = 0; j < ws[3]; j++) {
                        double sum = 0;
                        for (int n = 0; n < gy.size(0); n++) {
                            for (int p = 0; p < gy.size(2); p++) {
                                for (int q = 0; q < gy.size(3); q++) {
                                    long r = (long) p * s.stride(0) - s.padding(0) + (long) i * s.dilation(0);
                                    long col = (long) q * s.stride(1) - s.padding(1) + (long) j * s.dilation(1);
                                    if (r >= 0 && r < x.size(2) && col >= 0 && col < x.size(3)) {
                                        sum += gy.getDouble(n, o, p, q) * x.getDouble(n, channel, r, col);
                                    }
                                }
                            }
                        }
                        gw.putScalar(new long[] {o, c, i, j}, sum);
                    }
                }
            }
        }
        return gw;
    }

    /**
     * The reported case: 256 channels, a 15×15 kernel and a 200×200 output make an im2col matrix
     * of 2.3·10⁹ elements, past an int. It is planned as bands of whole rows, each within the
     * block limit, that cover the output once.
     */
    @Test
    void im2colPastAnIntIsPlannedAsBandsWithinTheLimit() {
        ConvSpec s = ConvSpec.builder(256, 1, 15).padding(7).build();
        PatchIndex[] bands = Im2ColGemm.bands(s, 200, 200, 200, 200);
        int next = 0;
        for (PatchIndex band : bands) {
            assertEquals(200, band.outW);
            assertTrue(256L * 225 * band.pixels() <= Im2ColGemm.BLOCK_LIMIT, band.toString());
            for (int oh = 0; oh < band.outH; oh++) {
                int row = next + oh - 7;
                assertEquals(row >= 0 && row < 200 ? row : -1, band.inputRow[oh], "kernel row 0, output row " + (next + oh));
            }
            next += band.outH;
        }
        assertEquals(200, next);
        assertEquals(200, bands.length, "one 57600×200 row block is 11.5·10⁶ elements: one row per band");
    }

    /**
     * The same case computed, with all-ones arrays: output (i, j) is 256 times the number of
     * kernel rows times kernel columns that land inside the input. About 2.3·10⁹ copies and
     * multiply-adds (tens of seconds on two shared cores), so it runs only with
     * {@code -Dminidl.largeTests=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "minidl.largeTests", matches = "true")
    void convolutionWhoseIm2colPassesAnIntIsComputed() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, 256, 200, 200);
        INDArray w = Nd4j.ones(DataType.FLOAT, 1, 256, 15, 15);
        ConvSpec s = ConvArguments.conv2d(x.shape(), w.shape(), null, new int[] {1}, new int[] {7}, new int[] {1}, 1);
        INDArray y = ConvKernels.conv2d(x, w, null, s);
        assertArrayEquals(new long[] {1, 1, 200, 200}, y.shape());
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 200; j++) {
                assertEquals(256.0 * inside(i) * inside(j), y.getDouble(0, 0, i, j), 0.0, "y[" + i + ", " + j + "]");
            }
        }
    }

    /** Kernel taps k in [0, 15) with 0 <= i - 7 + k < 200. */
    private static int inside(int i) {
        return Math.min(14, 206 - i) - Math.max(0, 7 - i) + 1;
    }
}
