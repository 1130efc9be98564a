package io.github.minidl.core;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolution kernels: pure functions of ND4J arrays in NCHW, float32 or float64.
 *
 * <p>conv2d and convTranspose2d are adjoint linear maps in x built from the same im2col / col2im
 * + GEMM pieces: {@code convTranspose2d(gy, w, spec.transposeOf(H, W))} is the input gradient of
 * {@code conv2d(x, w, spec)}, and {@code conv2d(gy, w, spec.adjoint())} that of
 * {@code convTranspose2d}. Arrays are checked against the spec; inputs are never modified.
 * float32 runs on the {@link ConvEngine} {@link ConvEngines} chose, float64 on minidl's own kernels.
 */
public final class ConvKernels {
    /** An engine fixed for the calling thread by {@link #using}; null: the chosen engine. */
    private static final ThreadLocal<ConvEngine> PINNED = new ThreadLocal<>();

    private ConvKernels() {
    }

    /**
     * y = conv2d(x, w) + b.
     *
     * @param x [N, in, H, W]
     * @param w [out, in/groups, kH, kW]
     * @param b [out] or null
     * @return [N, out, Ho, Wo] with (Ho, Wo) = {@link ConvSpec#outputSize}
     */
    public static INDArray conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec) {
        checkConv2d(x, w, b, spec);
        return conv2d(x, w, b, spec, spec.outputSize((int) x.size(2), (int) x.size(3)));
    }

    /**
     * conv2d computing only the first {@code outputSize} rows and columns of its output. This is
     * the input gradient of a transposed convolution whose output padding reaches past the
     * stride (allowed when dilation is larger): there the ordinary convolution of its upstream
     * gradient is larger than its input, and the extra positions have no input to flow to.
     *
     * @param outputSize (Ho, Wo), at most {@link ConvSpec#outputSize} on each axis
     */
    public static INDArray conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec, int[] outputSize) {
        checkConv2d(x, w, b, spec);
        int[] full = spec.outputSize((int) x.size(2), (int) x.size(3));
        int[] out = ConvSpec.pair("outputSize", outputSize);
        if (out[0] < 1 || out[1] < 1 || out[0] > full[0] || out[1] > full[1]) {
            throw new IllegalArgumentException(String.format(
                    "outputSize=%s must lie between [1, 1] and the full output size %s",
                    Arrays.toString(out), Arrays.toString(full)));
        }
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), spec.outChannels(), out[0], out[1]);
        INDArray[] c = contiguous(x, w, b);
        engineFor(x).conv2d(c[0], c[1], c[2], spec, y);
        freeCopies(c, x, w, b);
        return y;
    }

    /**
     * y = convTranspose2d(x, w) + b, the adjoint of conv2d in x.
     *
     * @param x [N, in, H, W]
     * @param w [in, out/groups, kH, kW]
     * @param b [out] or null
     * @return [N, out, Ho, Wo] with (Ho, Wo) = {@link ConvSpec#transposedOutputSize}
     */
    public static INDArray convTranspose2d(INDArray x, INDArray w, INDArray b, ConvSpec spec) {
        checkConvTranspose2d(x, w, b, spec);
        int[] out = spec.transposedOutputSize((int) x.size(2), (int) x.size(3));
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.size(0), spec.outChannels(), out[0], out[1]);
        INDArray[] c = contiguous(x, w, b);
        engineFor(x).convTranspose2d(c[0], c[1], c[2], spec, y);
        freeCopies(c, x, w, b);
        return y;
    }

    /**
     * Gradient of ⟨conv2d(x, w), gy⟩ with respect to w.
     *
     * @param x  [N, in, H, W], the forward input
     * @param gy [N, out, Ho, Wo], the upstream gradient
     * @return [out, in/groups, kH, kW]
     */
    public static INDArray conv2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec) {
        return weightGrad(x, gy, spec, spec::outputSize, ConvEngine::conv2dWeightGrad);
    }

    /**
     * Gradient of ⟨convTranspose2d(x, w), gy⟩ with respect to w: the conv2d weight gradient
     * with the roles of input and upstream gradient exchanged.
     *
     * @param x  [N, in, H, W], the forward input
     * @param gy [N, out, Ho, Wo], the upstream gradient
     * @return [in, out/groups, kH, kW]
     */
    public static INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec) {
        return weightGrad(x, gy, spec, spec::transposedOutputSize, ConvEngine::convTranspose2dWeightGrad);
    }

    /** A weight-gradient kernel of an engine. */
    private interface WeightGrad {
        INDArray apply(ConvEngine engine, INDArray x, INDArray gy, ConvSpec spec);
    }

    /** Checks gy against the output size of x, then runs {@code kernel} on contiguous arrays. */
    private static INDArray weightGrad(INDArray x, INDArray gy, ConvSpec spec,
                                       BiFunction<Integer, Integer, int[]> outputSize, WeightGrad kernel) {
        checkSameType(x, gy);
        int[] out = outputSize.apply((int) x.size(2), (int) x.size(3));
        checkShape("gy", gy, x.size(0), spec.outChannels(), out[0], out[1]);
        checkShape("input", x, x.size(0), spec.inChannels(), x.size(2), x.size(3));
        INDArray[] c = contiguous(x, gy);
        INDArray gw = kernel.apply(engineFor(x), c[0], c[1], spec);
        freeCopies(c, x, gy);
        return gw;
    }

    /** Gradient of ⟨y, gy⟩ with respect to the bias: gy summed over batch, height and width. */
    public static INDArray biasGrad(INDArray gy) {
        if (gy.rank() != 4) {
            throw new IllegalArgumentException("gy must be 4-D [N, C, H, W]; got " + Arrays.toString(gy.shape()));
        }
        long n = gy.size(0);
        long c = gy.size(1);
        // Plane sums over contiguous rows first, then over the batch: libnd4j's reduction over
        // (0, 2, 3) at once walks strided sub-arrays and takes about twice as long.
        INDArray plain = HostBuffer.contiguous(gy);
        INDArray perPlane = plain.reshape('c', n * c, gy.size(2) * gy.size(3)).sum(1);
        INDArray grad = perPlane.reshape('c', n, c).sum(0);
        NativeMemory.free(perPlane);
        NativeMemory.freeUnlessShared(plain, gy);
        return grad;
    }

    /**
     * The engine for arrays of x's type: float32 runs on {@link ConvEngines#current()}, float64
     * always on minidl's own kernels, so float64 results never depend on the engine.
     */
    private static ConvEngine engineFor(INDArray x) {
        if (x.dataType() != DataType.FLOAT) {
            return OwnEngine.INSTANCE;
        }
        ConvEngine pinned = PINNED.get();
        return pinned != null ? pinned : ConvEngines.current();
    }

    /** Runs {@code body} with float32 kernels on {@code engine} in this thread, to compare engines. */
    static <T> T using(ConvEngine engine, Supplier<T> body) {
        ConvEngine before = PINNED.get();
        PINNED.set(engine);
        try {
            return body.get();
        } finally {
            PINNED.set(before);
        }
    }

    /** The arrays as the engines read them, c-contiguous: each itself, or a copy (null stays null). */
    private static INDArray[] contiguous(INDArray... arrays) {
        INDArray[] c = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            c[i] = arrays[i] == null ? null : HostBuffer.contiguous(arrays[i]);
        }
        return c;
    }

    /** Frees the copies {@link #contiguous} made once the kernel is done with them. */
    private static void freeCopies(INDArray[] copies, INDArray... originals) {
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] != null) {
                NativeMemory.freeUnlessShared(copies[i], originals[i]);
            }
        }
    }

    private static void checkConv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec) {
        ConvArguments.requireSameFloatType("conv2d", x, w, b);
        checkShape("weight", w, spec.weightShape());
        checkShape("input", x, x.size(0), spec.inChannels(), x.size(2), x.size(3));
        if (b != null) {
            checkShape("bias", b, spec.outChannels());
        }
    }

    private static void checkConvTranspose2d(INDArray x, INDArray w, INDArray b, ConvSpec spec) {
        ConvArguments.requireSameFloatType("convTranspose2d", x, w, b);
        checkShape("weight", w, spec.transposedWeightShape());
        checkShape("input", x, x.size(0), spec.inChannels(), x.size(2), x.size(3));
        if (b != null) {
            checkShape("bias", b, spec.outChannels());
        }
    }

    private static void checkSameType(INDArray x, INDArray gy) {
        ConvArguments.requireSameFloatType("weight gradient", x, gy, null);
    }

    private static void checkShape(String name, INDArray a, long... expected) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException(String.format("%s has shape %s; expected %s",
                    name, Arrays.toString(a.shape()), Arrays.toString(expected)));
        }
    }
}
