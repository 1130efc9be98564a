package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused batch normalization (oneDNN's) against the formulas written out in float64 loops:
 * batch mean, biased variance, the normalised output, and the input, weight and bias gradients
 * gx = w·invStd·(gy - mean(gy) - x̂·mean(gy·x̂)), gw = Σ gy·x̂, gb = Σ gy; with and without the
 * affine parameters. Other engines, float64 and other ranks get null (no fused kernel).
 */
class NormKernelsTest {
    private static final double TOL = 2e-5;

    @ParameterizedTest(name = "[{0}, {1}, {2}, {3}] weight {4} bias {5}")
    @CsvSource({"4, 3, 5, 6, true, true", "2, 16, 7, 7, true, true", "3, 5, 4, 3, false, false",
        "2, 4, 3, 3, true, false", "2, 4, 3, 3, false, true", "1, 2, 1, 9, true, true"})
    void fusedKernelsMatchTheFormulas(int n, int c, int h, int w, boolean hasWeight, boolean hasBias) {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        SplittableRandom rng = new SplittableRandom(n * 1000 + c * 10 + h);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, n, c, h, w).muli(3).addi(1.5);
        INDArray gy = RandomArrays.randn(rng, DataType.FLOAT, n, c, h, w);
        INDArray weight = hasWeight ? RandomArrays.randn(rng, DataType.FLOAT, c) : null;
        INDArray bias = hasBias ? RandomArrays.randn(rng, DataType.FLOAT, c) : null;
        double eps = 1e-5;
        ConvEngine oneDnn = ConvEngines.oneDnn().orElseThrow();
        BatchNormOutputs out = ConvKernels.using(oneDnn, () -> NormKernels.batchNormTraining(x, weight, bias, eps));
        assertNotNull(out);
        BatchNormGrads g = ConvKernels.using(oneDnn, () -> NormKernels.batchNormBackward(x, gy, out, weight, bias, eps));
        assertNotNull(g);

        double[] xs = x.castTo(DataType.DOUBLE).data().asDouble();
        double[] gys = gy.castTo(DataType.DOUBLE).data().asDouble();
        int plane = h * w;
        int count = n * plane;
        double[] y = new double[xs.length];
        double[] gx = new double[xs.length];
        double[] mean = new double[c];
        double[] variance = new double[c];
        double[] gw = new double[c];
        double[] gb = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int i : indices(n, c, ch, plane)) {
                s += xs[i];
            }
            mean[ch] = s / count;
            double v = 0;
            for (int i : indices(n, c, ch, plane)) {
                v += (xs[i] - mean[ch]) * (xs[i] - mean[ch]);
            }
            variance[ch] = v / count;
            double inv = 1 / Math.sqrt(variance[ch] + eps);
            double scale = hasWeight ? weight.getDouble(ch) : 1;
            double sumGy = 0;
            double sumGyXhat = 0;
            for (int i : indices(n, c, ch, plane)) {
                double xhat = (xs[i] - mean[ch]) * inv;
                y[i] = xhat * scale + (hasBias ? bias.getDouble(ch) : 0);
                sumGy += gys[i];
                sumGyXhat += gys[i] * xhat;
            }
            gw[ch] = sumGyXhat;
            gb[ch] = sumGy;
            for (int i : indices(n, c, ch, plane)) {
                double xhat = (xs[i] - mean[ch]) * inv;
                gx[i] = scale * inv * (gys[i] - sumGy / count - xhat * sumGyXhat / count);
            }
        }
        long[] shape = {n, c, h, w};
        assertAllClose(Nd4j.createFromArray(y).reshape(shape), out.y(), TOL, TOL, "y");
        assertAllClose(Nd4j.createFromArray(mean), out.mean(), TOL, TOL, "mean");
        assertAllClose(Nd4j.createFromArray(variance), out.variance(), TOL, TOL, "variance");
        assertAllClose(Nd4j.createFromArray(gx).reshape(shape), g.input(), TOL, TOL, "gx");
        if (hasWeight) {
            assertAllClose(Nd4j.createFromArray(gw), g.weight(), TOL, TOL, "gw");
        } else {
            assertNull(g.weight());
        }
        if (hasBias) {
            assertAllClose(Nd4j.createFromArray(gb), g.bias(), TOL, TOL, "gb");
        } else {
            assertNull(g.bias());
        }
    }

    private static int[] indices(int n, int c, int ch, int plane) {
        int[] out = new int[n * plane];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < plane; p++) {
                out[b * plane + p] = (b * c + ch) * plane + p;
            }
        }
        return out;
    }

    @Test
    void withoutAFusedKernelTheCallerComputesIt() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x32 = RandomArrays.randn(rng, DataType.FLOAT, 2, 3, 4, 4);
        assertNull(NormKernels.batchNormTraining(x32.castTo(DataType.DOUBLE), null, null, 1e-5), "float64");
        assertNull(NormKernels.batchNormTraining(x32.reshape(2, 3, 16), null, null, 1e-5), "rank 3");
        assertNull(ConvKernels.using(ConvEngines.own(), () -> NormKernels.batchNormTraining(x32, null, null, 1e-5)),
                "own engine");
        assertNull(NormKernels.batchNormTraining(x32, Nd4j.ones(DataType.DOUBLE, 3), null, 1e-5), "float64 weight");
    }

    @Test
    void aGradientOfAnotherShapeIsRejected() {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        INDArray x = Nd4j.ones(DataType.FLOAT, 2, 3, 4, 4);
        BatchNormOutputs out = new BatchNormOutputs(x, Nd4j.zeros(DataType.FLOAT, 3), Nd4j.ones(DataType.FLOAT, 3));
        assertThrows(IllegalArgumentException.class,
                () -> NormKernels.batchNormBackward(x, Nd4j.ones(DataType.FLOAT, 2, 3, 4, 5), out, null, null, 1e-5));
    }
}
