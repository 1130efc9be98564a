package io.github.minidl.examples;

import io.github.minidl.autograd.Autograd;
import io.github.minidl.autograd.BackwardOptions;
import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ReceptiveField;
import io.github.minidl.core.geometry.ReceptiveField.Layer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The receptive field of one output pixel measured rather than computed: a stack of
 * single-channel convolutions with all-ones kernels runs on a square float64 input, and the
 * gradient of the centre output pixel with respect to the input (the backward of a one-hot)
 * is non-zero exactly on the pixels that output sees; each value counts the paths from that
 * input pixel to the output.
 *
 * @param layers   the stack, applied in the same way along H and W
 * @param gradient d y[centre] / d x, float64 [side, side]
 * @param height   rows between the first and last non-zero row, inclusive (0 when all zero)
 * @param width    columns between the first and last non-zero column, inclusive
 */
record GradientField(List<Layer> layers, INDArray gradient, int height, int width) {
    /** Input pixels left free on each side of the predicted field. */
    static final int MARGIN = 4;

    /** The measured field of the stack on an input just large enough (the predicted field plus a margin). */
    static GradientField of(List<Layer> layers) {
        return of(layers, ReceptiveField.size(layers) + 2 * MARGIN);
    }

    /**
     * The measured field of the stack on a side x side input.
     *
     * @throws IllegalArgumentException when the stack leaves no output pixel on that input
     */
    static GradientField of(List<Layer> layers, int side) {
        Tensor x = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 1, 1, side, side)).requiresGrad(true);
        Tensor y = x;
        for (Layer l : layers) {
            if (y.size(2) + 2L * l.padding() < l.effectiveKernel()) {
                throw new IllegalArgumentException(String.format(
                        "layer %s needs at least %d input pixels but gets %d from a %dx%d input; use a larger input",
                        l.name(), l.effectiveKernel(), y.size(2) + 2L * l.padding(), side, side));
            }
            Tensor ones = Tensor.of(Nd4j.ones(DataType.DOUBLE, 1, 1, l.kernel(), l.kernel()));
            y = F.conv2d(y, ones, null, l.stride(), l.padding(), l.dilation(), 1);
        }
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, y.shape());
        oneHot.putScalar(new long[] {0, 0, (y.size(2) - 1) / 2, (y.size(3) - 1) / 2}, 1.0);
        Tensor g = Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensor.of(oneHot)}, new Tensor[] {x},
                BackwardOptions.defaults())[0];
        INDArray image = g.data().reshape(side, side).dup();
        double[][] v = image.toDoubleMatrix();
        return new GradientField(List.copyOf(layers), image, length(span(v, true)), length(span(v, false)));
    }

    /** Predicted side of the field: {@link ReceptiveField#size}. */
    int predicted() {
        return ReceptiveField.size(layers);
    }

    /** The gradient scaled to [0, 1] by its largest value, for drawing. */
    INDArray normalised() {
        double max = gradient.maxNumber().doubleValue();
        return max > 0 ? gradient.div(max) : gradient.dup();
    }

    /** The non-zero bounding box of the gradient, as a [height, width] matrix. */
    INDArray crop() {
        double[][] v = gradient.toDoubleMatrix();
        int[] rows = span(v, true);
        int[] cols = span(v, false);
        if (rows[0] < 0) {
            return Nd4j.zeros(DataType.DOUBLE, 1, 1);
        }
        return gradient.get(NDArrayIndex.interval(rows[0], rows[1] + 1),
                NDArrayIndex.interval(cols[0], cols[1] + 1)).dup();
    }

    private static int length(int[] span) {
        return span[0] < 0 ? 0 : span[1] - span[0] + 1;
    }

    /** First and last row (or column) holding a non-zero value; {-1, -1} when none does. */
    private static int[] span(double[][] v, boolean rows) {
        int first = -1;
        int last = -1;
        int n = rows ? v.length : v[0].length;
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int j = 0; j < (rows ? v[0].length : v.length) && !any; j++) {
                any = (rows ? v[i][j] : v[j][i]) != 0;
            }
            if (any) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return new int[] {first, last};
    }
}
