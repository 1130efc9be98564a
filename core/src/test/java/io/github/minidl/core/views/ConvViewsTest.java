package io.github.minidl.core.views;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The tutorial's example: a 5×5 input and a 3×3 kernel. */
class ConvViewsTest {
    private final ConvSpec spec = ConvSpec.builder(1, 1, 3).build();
    private final INDArray x = Nd4j.arange(25).castTo(DataType.DOUBLE).reshape(1, 1, 5, 5);
    private final INDArray w = Nd4j.createFromArray(new double[] {1, 0, -1, 2, 0, -2, 1, 0, -1}).reshape(1, 1, 3, 3);

    @Test
    void im2colHasOneRowPerRegion() {
        INDArray cols = ConvViews.im2col(x.slice(0), spec, 0);
        assertArrayEquals(new long[] {9, 9}, cols.shape());
        // Region (0, 0) is the top-left 3x3 patch, flattened.
        assertAllClose(Nd4j.createFromArray(new double[] {0, 1, 2, 5, 6, 7, 10, 11, 12}), cols.getRow(0), 0, "region 0");
    }

    @Test
    void convolutionMatrixIs9By25AndTransposeRestoresShape() {
        INDArray c = ConvViews.convolutionMatrix(w, spec, 5, 5);
        assertArrayEquals(new long[] {9, 25}, c.shape());
        // Each row holds the 9 kernel values, the rest zeros.
        assertEquals(6, c.getRow(0).neq(0).castTo(DataType.INT32).sumNumber().intValue());
        INDArray y = ConvViews.slidingWindow(x, w, null, spec);
        TransposedConvSpec t = spec.transposeOf(5, 5);
        INDArray back = ConvViews.viaMatrixTranspose(y, w, t);
        assertArrayEquals(new long[] {1, 1, 5, 5}, back.shape());
        assertAllClose(back, ConvKernels.convTranspose2d(y, w, null, t), 1e-12, "Cᵀ view vs kernel");
    }

    @Test
    void threeViewsAgree() {
        INDArray y = ConvViews.slidingWindow(x, w, null, spec);
        assertAllClose(y, ConvViews.viaIm2col(x, w, null, spec), 1e-12, "im2col");
        assertAllClose(y, ConvViews.viaMatrix(x, w, spec), 1e-12, "matrix");
        assertAllClose(y, ConvKernels.conv2d(x, w, null, spec), 1e-12, "kernel");
        // Sobel-like kernel on a ramp: every output is the same horizontal difference.
        assertAllClose(Nd4j.valueArrayOf(new long[] {1, 1, 3, 3}, -8.0), y, 1e-12, "values");
    }

    @Test
    void pointwiseConvolutionWeightsChannels() {
        ConvSpec pw = ConvSpec.builder(3, 2, 1).build();
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 4);
        INDArray weights = Nd4j.rand(DataType.DOUBLE, 2, 3, 1, 1);
        INDArray y = ConvKernels.conv2d(in, weights, null, pw);
        // y[n, o, h, w] = sum_c W[o, c] x[n, c, h, w]: a matrix product over channels.
        INDArray pixels = in.permute(1, 0, 2, 3).reshape('c', 3, -1);
        INDArray expected = weights.reshape(2, 3).mmul(pixels).reshape('c', 2, 2, 4, 4).permute(1, 0, 2, 3);
        assertAllClose(expected, y, 1e-12, "1x1 as a matrix product");
    }

    @Test
    void mismatchedDtypesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConvKernels.conv2d(x.castTo(DataType.FLOAT), w, null, spec));
        assertEquals("conv2d: input has dtype FLOAT but weight has DOUBLE; convert one of them, dtypes are never mixed silently",
                e.getMessage());
    }
}
