package io.github.minidl.testing;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random arrays for tests, independent of ND4J's global random state. */
public final class RandomArrays {
    private RandomArrays() {
    }

    /** Standard-normal values of the given dtype and shape. */
    public static INDArray randn(SplittableRandom rng, DataType type, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian(rng);
        }
        return Nd4j.createFromArray(v).castTo(type).reshape('c', shape);
    }

    /** float64 standard-normal values. */
    public static INDArray randn(SplittableRandom rng, long... shape) {
        return randn(rng, DataType.DOUBLE, shape);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
