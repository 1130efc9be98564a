package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.geometry.ConvSpec;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import io.github.minidl.core.onednn.OneDnnPrimitive.Chunks;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * Builds the oneDNN primitive for one convolution geometry ({@link Key}): convolution forward and
 * backward-weights, deconvolution (minidl's transposed convolution) forward and backward-weights.
 *
 * <p>The caller's arrays are plain (nchw activations, (g)oihw / (g)iohw weights, exactly ND4J's
 * c-order arrays). Most kernels let oneDNN pick blocked layouts and reorder into and out of them
 * at every run, a batch chunk at a time (see {@link #blocked} and {@link #chunkCount}); 1x1
 * forward kernels run on the plain arrays as they are.
 */
final class OneDnnConv {
    /** Which oneDNN primitive: minidl's transposed convolution is oneDNN's deconvolution. */
    enum Kind {
        CONV_FORWARD, DECONV_FORWARD, CONV_WEIGHTS, DECONV_WEIGHTS;

        boolean deconvolution() {
            return this == DECONV_FORWARD || this == DECONV_WEIGHTS;
        }

        boolean weightGradient() {
            return this == CONV_WEIGHTS || this == DECONV_WEIGHTS;
        }
    }

    /**
     * A geometry: (inH, inW) is x's size, (outH, outW) the size of y or of gy. {@code conv} is the
     * convolution; for a deconvolution, the convolution it is the adjoint of (channels swapped).
     * bias: the forward adds one, a weight gradient also writes the bias gradient.
     */
    record Key(Kind kind, ConvSpec conv, long batch, int inH, int inW, int outH, int outW, boolean bias) {
        /** Channels of x: the deconvolution runs from the convolution's output channels back to its input's. */
        int srcChannels() {
            return kind.deconvolution() ? conv.outChannels() : conv.inChannels();
        }

        /** Channels of y or gy. */
        int dstChannels() {
            return kind.deconvolution() ? conv.inChannels() : conv.outChannels();
        }
    }

    /** FLOPs per byte of activations above which a kernel runs its batch whole (see {@link #chunkCount}). */
    static final long COMPUTE_BOUND = 128;

    /** The name prefix of oneDNN's JIT depthwise kernels, e.g. {@code jit_dw:avx512_common}. */
    static final String DEPTHWISE_KERNEL = "jit_dw:";

    /**
     * Builds the primitive for {@code key}, or returns null when oneDNN has no implementation for
     * it (for example a padding it cannot express) or, for a depthwise convolution, none that is
     * its JIT depthwise kernel; the caller then uses another engine.
     */
    static OneDnnPrimitive create(Key key, dnnl_engine engine, long chunkBytes) {
        boolean blocked = blocked(key);
        OneDnnPrimitive conv = create(key, engine, blocked, blocked ? chunkCount(key, chunkBytes) : 1);
        // A forward kernel oneDNN has no blocked implementation for may still have a plain one.
        boolean plainWorks = !key.kind().weightGradient() && !key.conv().isDepthwise();
        return conv == null && blocked && plainWorks ? create(key, engine, false, 1) : conv;
    }

    /**
     * Into how many equal chunks a blocked run splits the batch: as few as keep a chunk's largest
     * activation (x, or y / gy) within {@code chunkBytes}, so that it stays in cache from the
     * reorder to the kernel. A batch that no count up to twice that divides runs whole, and so does
     * a kernel of more than {@value #COMPUTE_BOUND} FLOPs per activation byte: there the reorders
     * are a small part of the time, and smaller calls only cost (BENCHMARKS.md).
     */
    static int chunkCount(Key key, long chunkBytes) {
        ConvSpec s = key.conv();
        boolean deconv = key.kind().deconvolution();
        long x = (long) key.srcChannels() * key.inH() * key.inW();
        long y = (long) key.dstChannels() * key.outH() * key.outW();
        long convOutputPixels = deconv ? (long) key.inH() * key.inW() : (long) key.outH() * key.outW();
        long flops = 2L * convOutputPixels * s.outChannels() * (s.inChannels() / s.groups()) * s.kernel(0) * s.kernel(1);
        if (flops > COMPUTE_BOUND * Float.BYTES * (x + y)) {
            return 1;
        }
        long perSample = Float.BYTES * Math.max(x, y);
        long wanted = Math.min(key.batch(), Math.max(1, (key.batch() * perSample + chunkBytes - 1) / chunkBytes));
        for (long count = wanted; count <= Math.min(2 * wanted, key.batch()); count++) {
            if (key.batch() % count == 0) {
                return (int) count;
            }
        }
        return 1;
    }

    private static OneDnnPrimitive create(Key key, dnnl_engine engine, boolean blocked, int chunks) {
        ConvSpec s = key.conv();
        boolean deconv = key.kind().deconvolution();
        int srcChannels = key.srcChannels();
        int dstChannels = key.dstChannels();
        long batch = key.batch() / chunks;
        dnnl_memory_desc_t src = activation(batch, srcChannels, key.inH(), key.inW());
        dnnl_memory_desc_t dst = activation(batch, dstChannels, key.outH(), key.outW());
        dnnl_memory_desc_t weights = weights(s.groups(), srcChannels, dstChannels, s, deconv);
        dnnl_memory_desc_t bias = key.bias() ? OneDnnPrimitive.descriptor(dnnl_x, dstChannels) : null;
        // The larger side of the geometry: the convolution's input, the deconvolution's output.
        int[] big = deconv ? new int[] {key.outH(), key.outW()} : new int[] {key.inH(), key.inW()};
        int[] small = deconv ? new int[] {key.inH(), key.inW()} : new int[] {key.outH(), key.outW()};
        long[] strides = new long[2];
        long[] dilates = new long[2];
        long[] padL = new long[2];
        long[] padR = new long[2];
        for (int a = 0; a < 2; a++) {
            strides[a] = s.stride(a);
            dilates[a] = s.dilation(a) - 1L; // oneDNN counts dilation from 0
            padL[a] = s.padding(a);
            padR[a] = rightPadding(big[a], small[a], s.effectiveKernel(a), s.stride(a), s.padding(a));
        }

        dnnl_convolution_desc_t fwd = new dnnl_convolution_desc_t();
        dnnl_memory_desc_t srcAny = blocked ? any(src) : src;
        dnnl_memory_desc_t dstAny = blocked ? any(dst) : dst;
        dnnl_memory_desc_t weightsAny = blocked ? any(weights) : weights;
        int status = deconv
                ? dnnl_dilated_deconvolution_forward_desc_init(fwd, dnnl_forward_training, dnnl_deconvolution_direct,
                        srcAny, weightsAny, bias, dstAny, strides, dilates, padL, padR)
                : dnnl_dilated_convolution_forward_desc_init(fwd, dnnl_forward_training, dnnl_convolution_direct,
                        srcAny, weightsAny, bias, dstAny, strides, dilates, padL, padR);
        if (status != dnnl_success) {
            return null;
        }
        dnnl_primitive_desc fwdPd = new dnnl_primitive_desc();
        if (dnnl_primitive_desc_create(fwdPd, new const_dnnl_op_desc_t(fwd), null, engine, null) != dnnl_success) {
            return null;
        }
        dnnl_primitive_desc pd = fwdPd;
        int[] argIds = key.bias() ? new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST}
                : new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST};
        dnnl_memory_desc_t[] mds = key.bias() ? new dnnl_memory_desc_t[] {src, weights, bias, dst}
                : new dnnl_memory_desc_t[] {src, weights, dst};
        if (key.kind().weightGradient()) {
            dnnl_convolution_desc_t bwd = new dnnl_convolution_desc_t();
            // With a bias the same pass sums gy into its gradient.
            status = deconv
                    ? dnnl_dilated_deconvolution_backward_weights_desc_init(bwd, dnnl_deconvolution_direct,
                            srcAny, weightsAny, bias, dstAny, strides, dilates, padL, padR)
                    : dnnl_dilated_convolution_backward_weights_desc_init(bwd, dnnl_convolution_direct,
                            srcAny, weightsAny, bias, dstAny, strides, dilates, padL, padR);
            pd = new dnnl_primitive_desc();
            if (status != dnnl_success
                    || dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(bwd), null, engine, fwdPd) != dnnl_success) {
                dnnl_primitive_desc_destroy(fwdPd);
                return null;
            }
            argIds = key.bias() ? new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_BIAS, DNNL_ARG_DIFF_WEIGHTS}
                    : new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS};
            mds = key.bias() ? new dnnl_memory_desc_t[] {src, dst, bias, weights}
                    : new dnnl_memory_desc_t[] {src, dst, weights};
        }
        OneDnnPrimitive conv = null;
        // A depthwise convolution runs here only on oneDNN's JIT depthwise kernel: its other
        // implementations run one small GEMM per channel, which minidl's own loops beat (BENCHMARKS.md).
        if (!s.isDepthwise() || OneDnnPrimitive.implementation(pd).startsWith(DEPTHWISE_KERNEL)) {
            conv = new OneDnnPrimitive(OneDnnPrimitive.create(pd, "convolution"), pd, argIds, mds,
                    chunks(key.kind(), mds.length, chunks), engine);
        }
        if (pd != fwdPd) {
            dnnl_primitive_desc_destroy(pd);
        }
        dnnl_primitive_desc_destroy(fwdPd);
        return conv;
    }

    /**
     * The activations are batched: x and y in a forward (its last argument the output), x and gy
     * in a weight gradient (the arguments after them, weight and bias gradients, the outputs).
     */
    private static Chunks chunks(Kind kind, int arguments, int count) {
        boolean[] batched = new boolean[arguments];
        batched[0] = true;
        batched[kind.weightGradient() ? 1 : arguments - 1] = true;
        return new Chunks(count, batched, kind.weightGradient() ? 2 : arguments - 1);
    }

    /**
     * oneDNN checks {@code (big + padL + padR - dilatedKernel) / stride + 1 == small}; minidl's sizes
     * come from floor division, so a right padding in the allowed range of {@code stride} values
     * exists: the smallest non-negative one, else the negative lower bound (a cropped output).
     */
    static long rightPadding(int big, int small, long dilatedKernel, int stride, int padL) {
        long lower = (long) (small - 1) * stride + dilatedKernel - big - padL;
        return lower >= 0 ? lower : lower + stride - 1 >= 0 ? 0 : lower;
    }

    /**
     * Whether oneDNN picks the layouts (blocked, e.g. nChw16c) and arguments are reordered in and
     * out at every run, as PyTorch's eager path does. It pays wherever the kernel is wider than
     * 1x1: on plain layouts oneDNN runs its own im2col and a GEMM at about half the speed of its
     * blocked direct kernels (the small CNN's second conv: 3.2-3.7 ms forward against 1.9 plus
     * two 0.15-0.25 ms reorders), its backward-weights gemm path stalls its per-thread reduction,
     * and its JIT depthwise kernel exists only blocked. A 1x1 convolution on nchw is already a
     * plain GEMM with no im2col, and there the reorders cost more than they save (P1 fwd+bwd
     * 21-27 ms plain against 34 blocked); only its weight gradient stays blocked. See BENCHMARKS.md.
     */
    private static boolean blocked(Key key) {
        boolean pointwise = key.conv().kernel(0) == 1 && key.conv().kernel(1) == 1;
        return key.kind().weightGradient() || !pointwise;
    }

    /** The same dims with the layout left to oneDNN. */
    private static dnnl_memory_desc_t any(dnnl_memory_desc_t md) {
        long[] dims = new long[md.ndims()];
        md.dims().get(dims);
        return OneDnnPrimitive.descriptor(dnnl_format_tag_any, dims);
    }

    static dnnl_memory_desc_t activation(long n, long c, int h, int w) {
        return OneDnnPrimitive.descriptor(dnnl_nchw, n, c, h, w);
    }

    /** Conv weight [out, in/g, kH, kW] as (g)oihw; transposed weight [in, out/g, kH, kW] as (g)iohw. */
    private static dnnl_memory_desc_t weights(int g, int srcChannels, int dstChannels, ConvSpec s, boolean deconv) {
        long o = dstChannels / g;
        long i = srcChannels / g;
        long kh = s.kernel(0);
        long kw = s.kernel(1);
        if (g == 1) {
            return OneDnnPrimitive.descriptor(deconv ? dnnl_iohw : dnnl_oihw, o, i, kh, kw);
        }
        return OneDnnPrimitive.descriptor(deconv ? dnnl_giohw : dnnl_goihw, g, o, i, kh, kw);
    }
}
