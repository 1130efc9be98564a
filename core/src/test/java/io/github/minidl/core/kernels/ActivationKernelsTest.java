package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * relu against ND4J's, and its gradient on every engine against the rule written out element by
 * element: gy where the output is positive or NaN (PyTorch passes gy through a NaN input), 0
 * where it is ±0; bit for bit, on lengths around oneDNN's vector widths and a strided view.
 */
class ActivationKernelsTest {
    /** Outputs of relu: ≥ 0 or NaN, signed zeros and infinity included. */
    private static final float[] OUTPUTS = {0f, -0f, 0.5f, 3f, Float.NaN, Float.POSITIVE_INFINITY, 1e-30f, 0f};

    private static INDArray expected(float[] y, float[] gy) {
        float[] gx = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            // A 0/1 factor times gy: the zeros carry gy's sign (PyTorch writes +0; equal as numbers).
            gx[i] = y[i] > 0 || Float.isNaN(y[i]) ? gy[i] : 0f * gy[i];
        }
        return Nd4j.createFromArray(gx);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 63, 1000, 100_003})
    void everyEngineFollowsPyTorchsRuleBitForBit(int length) {
        SplittableRandom rng = new SplittableRandom(length);
        float[] y = new float[length];
        float[] gy = new float[length];
        for (int i = 0; i < length; i++) {
            y[i] = OUTPUTS[rng.nextInt(OUTPUTS.length)];
            gy[i] = (float) rng.nextGaussian();
        }
        INDArray expected = expected(y, gy);
        for (ConvEngine e : ConvEngines.available()) {
            INDArray gx = ConvKernels.using(e, () -> ActivationKernels.reluBackward(Nd4j.createFromArray(y),
                    Nd4j.createFromArray(gy)));
            assertBitEqual(expected, gx, e.name() + " length " + length);
        }
    }

    @Test
    void aStridedViewIsReadInItsLogicalOrder() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] y = new float[6 * 5];
        float[] gy = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = OUTPUTS[rng.nextInt(OUTPUTS.length)];
            gy[i] = (float) rng.nextGaussian();
        }
        INDArray yView = Nd4j.createFromArray(y).reshape(6, 5).transpose();
        INDArray gyPlain = Nd4j.createFromArray(gy).reshape(5, 6);
        INDArray expected = expected(yView.dup().data().asFloat(), gy).reshape(5, 6);
        for (ConvEngine e : ConvEngines.available()) {
            INDArray gx = ConvKernels.using(e, () -> ActivationKernels.reluBackward(yView, gyPlain));
            assertBitEqual(expected, gx, e.name() + " transposed view");
        }
    }

    @Test
    void float64RunsOnTheOwnKernels() {
        INDArray y = Nd4j.createFromArray(0.0, Double.NaN, 2.0);
        INDArray gx = ActivationKernels.reluBackward(y, Nd4j.createFromArray(1.0, 2.0, 3.0));
        assertBitEqual(Nd4j.createFromArray(0.0, 2.0, 3.0), gx, "float64");
    }

    @Test
    void mismatchedArraysAreRejectedByName() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationKernels.reluBackward(y, Nd4j.zeros(DataType.FLOAT, 3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ActivationKernels.reluBackward(y, Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> ActivationKernels.reluBackward(Nd4j.zeros(DataType.INT, 2), Nd4j.zeros(DataType.INT, 2)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 4099, 100_003})
    void reluIntoAnUninitializedArrayEqualsNd4jsBitForBit(int length) {
        float[] inputs = {-3f, -1e-30f, 0f, 0.5f, 7f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        SplittableRandom rng = new SplittableRandom(length + 1);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextInt(3) == 0 ? inputs[rng.nextInt(inputs.length)] : (float) rng.nextGaussian();
        }
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.relu(Nd4j.createFromArray(x), true);
        assertBitEqual(expected, ActivationKernels.relu(Nd4j.createFromArray(x)), "relu, length " + length);
    }
}
