package io.github.minidl.core;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initialisers with PyTorch's defaults, drawing from one seeded generator so that
 * {@link #manualSeed(long)} reproduces a run (like {@code torch.manual_seed}).
 *
 * <p>Default layer initialisation, as in PyTorch: weights Kaiming-uniform with a = √5, i.e.
 * U(-1/√fanIn, 1/√fanIn), and biases U(-1/√fanIn, 1/√fanIn), where fanIn = shape[1]·(product of
 * the remaining dimensions): {@code in/groups·kH·kW} for a convolution weight
 * {@code [out, in/groups, kH, kW]}, {@code out/groups·kH·kW} for a transposed one.
 */
public final class Init {
    private static SplittableRandom generator = new SplittableRandom(0);

    private Init() {
    }

    /** Reseeds the shared generator. */
    public static synchronized void manualSeed(long seed) {
        generator = new SplittableRandom(seed);
    }

    /** An independent generator split off the shared one (deterministic after {@link #manualSeed}). */
    public static synchronized SplittableRandom split() {
        return generator.split();
    }

    /** fanIn of a weight shape: shape[1] times the receptive-field size (PyTorch's rule). */
    public static long fanIn(long[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fanIn needs a weight of rank >= 2; got shape " + Arrays.toString(shape));
        }
        long fan = shape[1];
        for (int i = 2; i < shape.length; i++) {
            fan *= shape[i];
        }
        return fan;
    }

    /** U(low, high) of the given dtype and shape. */
    public static INDArray uniform(SplittableRandom rng, DataType type, double low, double high, long... shape) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform bounds must satisfy low <= high; got low=" + low + ", high=" + high);
        }
        double[] v = new double[Math.toIntExact(count(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (high - low) * rng.nextDouble();
        }
        return Nd4j.createFromArray(v).castTo(type).reshape('c', shape);
    }

    /** N(mean, std²) of the given dtype and shape (Box-Muller on the given generator). */
    public static INDArray normal(SplittableRandom rng, DataType type, double mean, double std, long... shape) {
        double[] v = new double[Math.toIntExact(count(shape))];
        for (int i = 0; i < v.length; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = mean + std * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        return Nd4j.createFromArray(v).castTo(type).reshape('c', shape);
    }

    /**
     * Kaiming-uniform: U(-b, b) with b = gain·√(3/fanIn), gain = √(2/(1 + a²)).
     * PyTorch's layers use a = √5, which gives b = 1/√fanIn.
     */
    public static INDArray kaimingUniform(SplittableRandom rng, DataType type, double a, long... shape) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.sqrt(3.0 / fanIn(shape));
        return uniform(rng, type, -bound, bound, shape);
    }

    /** PyTorch's default weight initialisation for Conv/ConvTranspose/Linear: Kaiming-uniform, a = √5. */
    public static INDArray defaultWeight(SplittableRandom rng, DataType type, long... shape) {
        return kaimingUniform(rng, type, Math.sqrt(5), shape);
    }

    /** PyTorch's default bias initialisation: U(-1/√fanIn, 1/√fanIn) of length {@code size}. */
    public static INDArray defaultBias(SplittableRandom rng, DataType type, long fanIn, long size) {
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return uniform(rng, type, -bound, bound, size);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n *= d;
        }
        return n;
    }
}
