package io.github.minidl.testing;

import io.github.minidl.autograd.Tensor;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Seeded random tensors for tests (float64 unless a dtype is given). */
public final class Tensors {
    private Tensors() {
    }

    /** Standard-normal float64 tensor. */
    public static Tensor randn(SplittableRandom rng, long... shape) {
        return Tensor.of(RandomArrays.randn(rng, DataType.DOUBLE, shape));
    }

    /** Standard-normal tensor of the given dtype. */
    public static Tensor randn(SplittableRandom rng, DataType type, long... shape) {
        return Tensor.of(RandomArrays.randn(rng, type, shape));
    }

    /** Uniform float64 tensor in [lo, hi). */
    public static Tensor uniform(SplittableRandom rng, double lo, double hi, long... shape) {
        return Tensor.of(RandomArrays.randn(rng, DataType.DOUBLE, shape).assign(0)
                .addi(org.nd4j.linalg.factory.Nd4j.createFromArray(values(rng, lo, hi, shape)).reshape('c', shape)));
    }

    private static double[] values(SplittableRandom rng, double lo, double hi, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }
}
