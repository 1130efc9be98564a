package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvArguments;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import java.util.Arrays;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution kernels: pure functions of ND4J arrays in NCHW, float32 or float64.
 *
 * <p>conv2d and convTranspose2d are adjoint linear maps in x built from the same im2col / col2im
 * + GEMM pieces: {@code convTranspose2d(gy, w, spec.transposeOf(H, W))} is the input gradient of
 * {@code conv2d(x, w, spec)}, and {@code conv2d(gy, w, transposed.adjoint())} that of
 * {@code convTranspose2d(x, w, transposed)}. Arrays are checked against the spec; inputs are never modified.
 * float32 runs on the {@link ConvEngine} {@link ConvEngines} chose, float64 on minidl's own kernels.
 */
public final class ConvKernels {
    /** The calling thread's {@link #sharingConversions} token in its one slot; null outside one. */
    private static final ThreadLocal<Object[]> SHARING = ThreadLocal.withInitial(() -> new Object[1]);
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
        checkArrays("conv2d", x, w, b, spec.weightShape(), spec.inChannels(), spec.outChannels());
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
        checkArrays("conv2d", x, w, b, spec.weightShape(), spec.inChannels(), spec.outChannels());
        int[] full = spec.outputSize((int) x.size(2), (int) x.size(3));
        int[] out = ConvArguments.pair("outputSize", outputSize);
        if (out[0] < 1 || out[1] < 1 || out[0] > full[0] || out[1] > full[1]) {
            throw new IllegalArgumentException(String.format(
                    "outputSize=%s must lie between [1, 1] and the full output size %s",
                    Arrays.toString(out), Arrays.toString(full)));
        }
        INDArray y = NativeMemory.uninitialized(x.dataType(), x.size(0), spec.outChannels(), out[0], out[1]);
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
     * @return [N, out, Ho, Wo] with (Ho, Wo) = {@link TransposedConvSpec#outputSize}
     */
    public static INDArray convTranspose2d(INDArray x, INDArray w, INDArray b, TransposedConvSpec spec) {
        checkArrays("convTranspose2d", x, w, b, spec.weightShape(), spec.inChannels(), spec.outChannels());
        int[] out = spec.outputSize((int) x.size(2), (int) x.size(3));
        INDArray y = NativeMemory.uninitialized(x.dataType(), x.size(0), spec.outChannels(), out[0], out[1]);
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
        return weightGrad(x, gy, spec, (e, cx, cgy) -> e.conv2dWeightGrad(cx, cgy, spec));
    }

    /**
     * Gradient of ⟨convTranspose2d(x, w), gy⟩ with respect to w: the conv2d weight gradient
     * with the roles of input and upstream gradient exchanged.
     *
     * @param x  [N, in, H, W], the forward input
     * @param gy [N, out, Ho, Wo], the upstream gradient
     * @return [in, out/groups, kH, kW]
     */
    public static INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        return weightGrad(x, gy, spec, (e, cx, cgy) -> e.convTranspose2dWeightGrad(cx, cgy, spec));
    }

    /**
     * {@link #conv2dWeightGrad} and {@link #biasGrad} of the same gy, in one pass where the engine
     * has one (oneDNN's backward-weights sums gy while it reads it).
     */
    public static WeightBiasGrads conv2dWeightBiasGrad(INDArray x, INDArray gy, ConvSpec spec) {
        return weightGrad(x, gy, spec, (e, cx, cgy) -> e.conv2dWeightBiasGrad(cx, cgy, spec));
    }

    /** {@link #convTranspose2dWeightGrad} and {@link #biasGrad} of the same gy, in one pass where the engine has one. */
    public static WeightBiasGrads convTranspose2dWeightBiasGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        return weightGrad(x, gy, spec, (e, cx, cgy) -> e.convTranspose2dWeightBiasGrad(cx, cgy, spec));
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
     * always on minidl's own kernels, so float64 results never depend on the engine. Internal to
     * core: public for {@code core.pooling}'s 2×2 max pooling.
     */
    public static ConvEngine engineFor(INDArray x) {
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

    /**
     * Runs {@code body} so that the float32 engine may reuse the layout conversion it made of an
     * input array for a later kernel that reads the same array under the same {@code token}, for
     * as long as the token lives and the engine has not overwritten the conversion. Autograd
     * names a convolution's forward and backward with one token: gy is converted once for both
     * gradients (as PyTorch's oneDNN path does), and the weight gradient reads the forward's
     * conversion of the saved input, the input as it was when the forward ran. The body must not
     * write to the arrays it hands the kernels. A nested call joins the outer scope.
     */
    public static <T> T sharingConversions(Object token, Supplier<T> body) {
        Object[] scope = SHARING.get();
        if (scope[0] != null) {
            return body.get();
        }
        scope[0] = token;
        try {
            return body.get();
        } finally {
            scope[0] = null;
        }
    }

    /** This thread's {@link #sharingConversions} token, or null outside one. */
    public static Object sharingScope() {
        return SHARING.get()[0];
    }

    /** The arrays as the engines read them, c-contiguous: each itself, or a copy (null stays null). */
    static INDArray[] contiguous(INDArray... arrays) {
        INDArray[] c = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            c[i] = arrays[i] == null ? null : HostBuffer.contiguous(arrays[i]);
        }
        return c;
    }

    /** Frees the copies {@link #contiguous} made once the kernel is done with them. */
    static void freeCopies(INDArray[] copies, INDArray... originals) {
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] != null) {
                NativeMemory.freeUnlessShared(copies[i], originals[i]);
            }
        }
    }

    /** x, w, b share one float type; w has {@code weightShape}, x {@code in} channels, b {@code out} values. */
    private static void checkArrays(String op, INDArray x, INDArray w, INDArray b, long[] weightShape, int in, int out) {
        ConvArguments.requireSameFloatType(op, x, w, b);
        checkShape("weight", w, weightShape);
        checkShape("input", x, x.size(0), in, x.size(2), x.size(3));
        if (b != null) {
            checkShape("bias", b, out);
        }
    }

    /** A weight-gradient call of an engine on contiguous x and gy. */
    @FunctionalInterface
    private interface WeightGradCall<T> {
        T run(ConvEngine engine, INDArray x, INDArray gy);
    }

    private static <T> T weightGrad(INDArray x, INDArray gy, ConvSpec spec, WeightGradCall<T> call) {
        return weightGrad(x, gy, spec.inChannels(), spec.outChannels(), spec.outputSize((int) x.size(2), (int) x.size(3)), call);
    }

    private static <T> T weightGrad(INDArray x, INDArray gy, TransposedConvSpec spec, WeightGradCall<T> call) {
        return weightGrad(x, gy, spec.inChannels(), spec.outChannels(), spec.outputSize((int) x.size(2), (int) x.size(3)), call);
    }

    /**
     * Checks x [N, in, H, W] and gy [N, out, outSize] (one float type) and runs {@code call} on
     * x's engine with contiguous copies where needed, freed afterwards.
     */
    private static <T> T weightGrad(INDArray x, INDArray gy, int in, int out, int[] outSize, WeightGradCall<T> call) {
        ConvArguments.requireSameFloatType("weight gradient", x, gy, null);
        checkShape("gy", gy, x.size(0), out, outSize[0], outSize[1]);
        checkShape("input", x, x.size(0), in, x.size(2), x.size(3));
        INDArray[] c = contiguous(x, gy);
        T result = call.run(engineFor(x), c[0], c[1]);
        freeCopies(c, x, gy);
        return result;
    }

    private static void checkShape(String name, INDArray a, long... expected) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException(String.format("%s has shape %s; expected %s",
                    name, Arrays.toString(a.shape()), Arrays.toString(expected)));
        }
    }
}
