package io.github.minidl.core.kernels;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The one-pass Adam update against the elementwise libnd4j sequence it replaces, bit for bit, in
 * float32 and float64, with and without amsgrad, over several steps, on lengths around the
 * block size and on a strided parameter view.
 */
class AdamUpdateTest {
    /** The elementwise update: libnd4j's ops in the order PyTorch's Adam applies them. */
    private static void elementwise(INDArray p, INDArray g, INDArray m, INDArray v, INDArray max, AdamUpdate.Coefficients s) {
        m.muli(s.beta1()).addi(g.mul(1 - s.beta1()));
        v.muli(s.beta2()).addi(g.mul(g).muli(1 - s.beta2()));
        INDArray second = v;
        if (max != null) {
            Transforms.max(max, v, false);
            second = max;
        }
        INDArray denom = Transforms.sqrt(second, true).divi(s.bc2Sqrt()).addi(s.eps());
        p.subi(m.div(denom).muli(s.lrOverBc1()));
    }

    private static AdamUpdate.Coefficients step(long t, double lr) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        return new AdamUpdate.Coefficients(beta1, beta2, 1e-8, lr / (1 - Math.pow(beta1, t)), Math.sqrt(1 - Math.pow(beta2, t)));
    }

    @ParameterizedTest(name = "{0} length {1} amsgrad {2}")
    @CsvSource({"FLOAT, 1, false", "FLOAT, 4095, false", "FLOAT, 4097, true", "FLOAT, 10000, false",
        "DOUBLE, 7, true", "DOUBLE, 8193, false", "DOUBLE, 10000, true"})
    void equalsTheElementwiseSequenceBitForBit(DataType type, int length, boolean amsgrad) {
        SplittableRandom rng = new SplittableRandom(length);
        INDArray p = RandomArrays.randn(rng, type, length);
        INDArray[] fused = {p.dup(), Nd4j.zeros(type, length), Nd4j.zeros(type, length),
            amsgrad ? Nd4j.zeros(type, length) : null};
        INDArray[] reference = {p.dup(), Nd4j.zeros(type, length), Nd4j.zeros(type, length),
            amsgrad ? Nd4j.zeros(type, length) : null};
        for (long t = 1; t <= 4; t++) {
            INDArray g = RandomArrays.randn(rng, type, length).muli(t % 2 == 0 ? 1e-3 : 10);
            AdamUpdate.Coefficients s = step(t, 1e-3);
            AdamUpdate.update(fused[0], g, fused[1], fused[2], fused[3], s);
            elementwise(reference[0], g, reference[1], reference[2], reference[3], s);
            String[] names = {"p", "m", "v", "max"};
            for (int k = 0; k < (amsgrad ? 4 : 3); k++) {
                assertBitEqual(reference[k], fused[k], type + " step " + t + " " + names[k]);
            }
        }
    }

    @Test
    void aStridedParameterIsUpdatedInPlace() {
        SplittableRandom rng = new SplittableRandom(11);
        INDArray base = RandomArrays.randn(rng, DataType.FLOAT, 30, 40);
        INDArray expected = base.dup();
        INDArray p = base.transpose();
        INDArray g = RandomArrays.randn(rng, DataType.FLOAT, 40, 30);
        INDArray m = Nd4j.zeros(DataType.FLOAT, 40, 30);
        INDArray v = Nd4j.zeros(DataType.FLOAT, 40, 30);
        AdamUpdate.update(p, g, m, v, null, step(1, 0.1));
        INDArray referenceP = expected.transpose().dup('c');
        elementwise(referenceP, g, Nd4j.zeros(DataType.FLOAT, 40, 30), Nd4j.zeros(DataType.FLOAT, 40, 30), null, step(1, 0.1));
        assertBitEqual(referenceP, base.transpose().dup('c'), "the view's base");
    }

    @Test
    void mismatchedArraysAreRejected() {
        INDArray p = Nd4j.zeros(DataType.FLOAT, 5);
        assertThrows(IllegalArgumentException.class, () -> AdamUpdate.update(p, Nd4j.zeros(DataType.FLOAT, 6),
                Nd4j.zeros(DataType.FLOAT, 5), Nd4j.zeros(DataType.FLOAT, 5), null, step(1, 0.1)));
        assertThrows(IllegalArgumentException.class, () -> AdamUpdate.update(p, Nd4j.zeros(DataType.DOUBLE, 5),
                Nd4j.zeros(DataType.FLOAT, 5), Nd4j.zeros(DataType.FLOAT, 5), null, step(1, 0.1)));
    }
}
