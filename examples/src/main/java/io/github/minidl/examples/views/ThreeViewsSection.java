package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.views.ConvViews;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 5x5 input and a 3x3 kernel computed three ways: the sliding window, the 9x9 im2col matrix
 * times the flattened kernel, and the 9x25 convolution matrix C times the flattened input; all
 * three, and the library's fast kernel, give the same 3x3 map. Draws C and C^T.
 */
final class ThreeViewsSection extends ExampleSection {
    ThreeViewsSection() {
        super("Three views of one convolution: 5x5 input, 3x3 kernel, stride 1, no padding");
    }

    @Override
    void show(Walkthrough w, INDArray x, INDArray k, ConvSpec spec) throws IOException {
        w.matrix("input x", x.reshape(5, 5));
        w.matrix("kernel w", k.reshape(3, 3));

        w.println("");
        w.println("View 1, sliding window: each output pixel is the sum of the 3x3 region under the kernel times the kernel.");
        INDArray sliding = ConvViews.slidingWindow(x, k, null, spec);
        w.matrix("y = sliding window", sliding.reshape(3, 3));

        w.println("");
        w.println("View 2, im2col: each of the 9 regions flattened into a row; times the kernel flattened into a column.");
        INDArray columns = ConvViews.im2col(x.slice(0), spec, 0);
        w.matrix("im2col(x), one row per region", columns);
        INDArray viaIm2col = columns.mmul(k.reshape(9, 1)).reshape(1, 1, 3, 3);
        w.matrix("y = im2col(x) . vec(w), reshaped to 3x3", viaIm2col.reshape(3, 3));

        w.println("");
        w.println("View 3, the convolution matrix: the kernel padded out to 5x5 at each of the 9 positions, flattened into rows.");
        INDArray c = ConvViews.convolutionMatrix(k, spec, 5, 5);
        w.matrix("C", c);
        INDArray viaMatrix = c.mmul(x.reshape(25, 1)).reshape(1, 1, 3, 3);
        w.matrix("y = C . vec(x), reshaped to 3x3", viaMatrix.reshape(3, 3));

        w.println("");
        w.agree("sliding window vs im2col", sliding, viaIm2col);
        w.agree("sliding window vs convolution matrix C", sliding, viaMatrix);
        w.agree("sliding window vs ConvKernels.conv2d", sliding, ConvKernels.conv2d(x, k, null, spec));

        w.heatMap("C.png", c, "Convolution matrix C (9 x 25): 5x5 input, 3x3 kernel",
                "output pixel (row-major 3x3)", "input pixel (row-major 5x5)");
        w.heatMap("C_T.png", c.transpose(), "Transposed convolution matrix C^T (25 x 9)",
                "output pixel (row-major 5x5)", "input pixel (row-major 3x3)");
    }
}
