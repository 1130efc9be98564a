package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.views.ConvViews;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transposed convolution as C^T: the 3x3 output goes back through C^T (25x9) to a 5x5 map.
 * The shape is restored, the values are not (C is not invertible); what holds instead is the
 * adjoint identity {@code <C x, y> = <x, C^T y>} that makes C^T the input gradient of C.
 */
final class TransposedSection extends ExampleSection {
    TransposedSection() {
        super("Transposed convolution: C^T takes a 3x3 map back to a 5x5 shape");
    }

    @Override
    void show(Walkthrough w, INDArray x, INDArray k, ConvSpec spec) throws IOException {
        TransposedConvSpec transposed = spec.transposeOf(5, 5);
        INDArray c = ConvViews.convolutionMatrix(k, spec, 5, 5);
        INDArray y = ConvKernels.conv2d(x, k, null, spec);

        w.matrix("y = conv2d(x, w), the 3x3 map from section 1", y.reshape(3, 3));
        INDArray back = c.transpose().mmul(y.reshape(9, 1)).reshape(1, 1, 5, 5);
        w.matrix("C^T . vec(y), reshaped to 5x5", back.reshape(5, 5));
        w.matrix("the original x, for comparison", x.reshape(5, 5));
        double lost = back.sub(x).amaxNumber().doubleValue();
        w.printf("  shape restored: %d x %d; values not: max |C^T y - x| = %.0f", back.size(2), back.size(3), lost);

        w.println("");
        w.agree("C^T . vec(y) vs sliding-window transposed convolution", back,
                ConvViews.slidingWindowTranspose(y, k, null, transposed));
        w.agree("C^T . vec(y) vs ConvKernels.convTranspose2d", back,
                ConvKernels.convTranspose2d(y, k, null, transposed));
        INDArray probe = w.integers(-3, 3, 1, 1, 3, 3);
        double left = y.mul(probe).sumNumber().doubleValue();
        double right = x.mul(ConvKernels.convTranspose2d(probe, k, null, transposed)).sumNumber().doubleValue();
        w.printf("  adjoint: <C x, v> = %.0f and <x, C^T v> = %.0f for a random 3x3 map v", left, right);
        w.agree("<C x, v> vs <x, C^T v>", scalar(left), scalar(right));
    }

    private static INDArray scalar(double v) {
        return Nd4j.scalar(v);
    }
}
