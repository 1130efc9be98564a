package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.geometry.ConvSpec;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One oneDNN primitive for one convolution geometry, with a oneDNN memory object per argument
 * whose data handle is pointed at the caller's arrays at every run. Built once per {@link Key}.
 * {@link OneDnnPool} builds its pooling primitives on the same argument handling.
 *
 * <p>The caller's arrays are plain (nchw activations, (g)oihw / (g)iohw weights, exactly ND4J's
 * c-order arrays). Most kernels let oneDNN pick blocked layouts and reorder into and out of them
 * at every run; 1x1 forward kernels run on the plain arrays as they are (see {@link #blocked}).
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
    }

    /** The name prefix of oneDNN's JIT depthwise kernels, e.g. {@code jit_dw:avx512_common}. */
    static final String DEPTHWISE_KERNEL = "jit_dw:";

    private final dnnl_primitive primitive;
    /** Per argument: the memory on the caller's array, whose handle run() sets. */
    private final dnnl_memory[] user;
    /** Per argument: a reorder between the caller's layout and the primitive's, or null if they agree. */
    private final dnnl_primitive[] reorders;
    private final dnnl_memory[] inner;
    /** The memory under {@link #inner}'s blocked copies, held for the primitive's lifetime. */
    private final BytePointer[] innerBuffers;
    /** oneDNN's preferred alignment of a buffer, in bytes. */
    private static final long ALIGNMENT = 64;
    /** Per argument: the caller's layout and the one the primitive chose (equal when no reorder). */
    private final dnnl_memory_desc_t[] plain;
    private final dnnl_memory_desc_t[] chosen;
    private final dnnl_exec_arg_t args;
    private final String implementation;
    /** How many times this primitive has run: a blocked copy in {@link #inner} is current until the next run. */
    private long runs;

    /**
     * Where a run may find the blocked copy an earlier primitive made of the same input array, and
     * leave its own for later ones (see {@code ConvKernels.sharingConversions}).
     */
    interface SharedCopies {
        /** A primitive's memory already holding input {@code arg} of {@code reader} blocked, or null. */
        dnnl_memory find(int arg, OneDnnConv reader);

        /** Records that input {@code arg} of this run now sits blocked in {@code owner}'s memory. */
        void remember(int arg, OneDnnConv owner);
    }

    /** Builds the memories for the primitive's arguments; the last argument is its output. */
    OneDnnConv(dnnl_primitive primitive, dnnl_primitive_desc pd, int[] argIds, dnnl_memory_desc_t[] plain,
            dnnl_engine engine) {
        this.primitive = primitive;
        this.implementation = implementation(pd);
        int n = argIds.length;
        user = new dnnl_memory[n];
        inner = new dnnl_memory[n];
        innerBuffers = new BytePointer[n];
        this.plain = plain;
        chosen = new dnnl_memory_desc_t[n];
        reorders = new dnnl_primitive[n];
        args = new dnnl_exec_arg_t(n);
        for (int i = 0; i < n; i++) {
            user[i] = memory(plain[i], engine, null);
            // The query points into pd, which dies after construction: keep a copy.
            chosen[i] = new dnnl_memory_desc_t();
            Pointer.memcpy(chosen[i], dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, argIds[i]),
                    chosen[i].sizeof());
            if (dnnl_memory_desc_equal(chosen[i], plain[i]) == 1) {
                inner[i] = user[i];
            } else {
                // A blocked layout oneDNN chose: a buffer of this primitive's, filled from / copied
                // to the caller's. Allocated here, not by oneDNN, because oneDNN frees a buffer it
                // allocated when the handle is pointed elsewhere, and run() lends handles.
                innerBuffers[i] = new BytePointer(dnnl_memory_desc_get_size(chosen[i]) + ALIGNMENT);
                long aligned = (innerBuffers[i].address() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                inner[i] = memory(chosen[i], engine, new Address(aligned));
                reorders[i] = i == n - 1 ? reorder(chosen[i], plain[i], engine) : reorder(plain[i], chosen[i], engine);
            }
            args.position(i).arg(argIds[i]).memory(inner[i]);
        }
        args.position(0);
    }

    /**
     * Builds the primitive for {@code key}, or returns null when oneDNN has no implementation for
     * it (for example a padding it cannot express) or, for a depthwise convolution, none that is
     * its JIT depthwise kernel; the caller then uses another engine.
     */
    static OneDnnConv create(Key key, dnnl_engine engine) {
        boolean blocked = blocked(key);
        OneDnnConv conv = create(key, engine, blocked);
        // A forward kernel oneDNN has no blocked implementation for may still have a plain one.
        boolean plainWorks = !key.kind().weightGradient() && !key.conv().isDepthwise();
        return conv == null && blocked && plainWorks ? create(key, engine, false) : conv;
    }

    private static OneDnnConv create(Key key, dnnl_engine engine, boolean blocked) {
        ConvSpec s = key.conv();
        boolean deconv = key.kind().deconvolution();
        // The deconvolution runs from the convolution's output channels back to its input channels.
        int srcChannels = deconv ? s.outChannels() : s.inChannels();
        int dstChannels = deconv ? s.inChannels() : s.outChannels();
        dnnl_memory_desc_t src = activation(key.batch(), srcChannels, key.inH(), key.inW());
        dnnl_memory_desc_t dst = activation(key.batch(), dstChannels, key.outH(), key.outW());
        dnnl_memory_desc_t weights = weights(s.groups(), srcChannels, dstChannels, s, deconv);
        dnnl_memory_desc_t bias = key.bias() ? plain(new long[] {dstChannels}, dnnl_x) : null;
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
        OneDnnConv conv = null;
        // A depthwise convolution runs here only on oneDNN's JIT depthwise kernel: its other
        // implementations run one small GEMM per channel, which minidl's own loops beat (BENCHMARKS.md).
        if (!s.isDepthwise() || implementation(pd).startsWith(DEPTHWISE_KERNEL)) {
            dnnl_primitive primitive = new dnnl_primitive();
            check(dnnl_primitive_create(primitive, pd), "primitive_create");
            conv = new OneDnnConv(primitive, pd, argIds, mds, engine);
        }
        if (pd != fwdPd) {
            dnnl_primitive_desc_destroy(pd);
        }
        dnnl_primitive_desc_destroy(fwdPd);
        return conv;
    }

    /**
     * Runs the primitive on arrays at these addresses, one per argument in the order create()
     * chose. With {@code shared} (else null), an input takes the blocked copy an earlier primitive
     * left there (and leaves its own) instead of being reordered again.
     */
    void run(dnnl_stream stream, SharedCopies shared, long... addresses) {
        runs++;
        int n = user.length;
        // The handles of this primitive's own buffers lent out for the run; made only when a
        // shared copy is borrowed, so a plain run allocates nothing here.
        Pointer[] own = null;
        try {
            for (int i = 0; i < n; i++) {
                check(dnnl_memory_set_data_handle(user[i], new Address(addresses[i])), "memory_set_data_handle");
                if (reorders[i] != null && i < n - 1) {
                    dnnl_memory copy = shared == null ? null : shared.find(i, this);
                    if (copy != null) {
                        own = own == null ? new Pointer[n] : own;
                        own[i] = handle(inner[i]);
                        check(dnnl_memory_set_data_handle(inner[i], handle(copy)), "memory_set_data_handle");
                    } else {
                        execute(reorders[i], user[i], inner[i], stream);
                        if (shared != null) {
                            shared.remember(i, this);
                        }
                    }
                }
            }
            check(dnnl_primitive_execute(primitive, stream, n, args), "primitive_execute");
            if (reorders[n - 1] != null) {
                execute(reorders[n - 1], inner[n - 1], user[n - 1], stream);
            }
            check(dnnl_stream_wait(stream), "stream_wait");
        } finally {
            for (int i = 0; own != null && i < n; i++) {
                if (own[i] != null) {
                    check(dnnl_memory_set_data_handle(inner[i], own[i]), "memory_set_data_handle");
                }
            }
        }
    }

    /** Times this primitive has run. */
    long runs() {
        return runs;
    }

    /** This primitive's memory for argument {@code arg}: its blocked copy where it reorders one. */
    dnnl_memory inner(int arg) {
        return inner[arg];
    }

    /**
     * Whether input {@code arg} of this primitive and input {@code otherArg} of {@code other} are
     * both reordered, from the same plain layout into the same blocked one.
     */
    boolean sameConversion(int arg, OneDnnConv other, int otherArg) {
        return reorders[arg] != null && other.reorders[otherArg] != null && arg < user.length - 1
                && otherArg < other.user.length - 1
                && dnnl_memory_desc_equal(plain[arg], other.plain[otherArg]) == 1
                && dnnl_memory_desc_equal(chosen[arg], other.chosen[otherArg]) == 1;
    }

    private static Pointer handle(dnnl_memory memory) {
        PointerPointer<Pointer> handle = new PointerPointer<>(1);
        check(dnnl_memory_get_data_handle(memory, handle), "memory_get_data_handle");
        return handle.get(0);
    }

    private static void execute(dnnl_primitive reorder, dnnl_memory from, dnnl_memory to, dnnl_stream stream) {
        dnnl_exec_arg_t a = new dnnl_exec_arg_t(2);
        a.position(0).arg(DNNL_ARG_FROM).memory(from);
        a.position(1).arg(DNNL_ARG_TO).memory(to);
        check(dnnl_primitive_execute(reorder, stream, 2, a.position(0)), "primitive_execute(reorder)");
    }

    private static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to, dnnl_engine engine) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, null), "reorder_primitive_desc_create");
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "primitive_create(reorder)");
        dnnl_primitive_desc_destroy(pd);
        return p;
    }

    private static dnnl_memory memory(dnnl_memory_desc_t md, dnnl_engine engine, Pointer handle) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine, handle), "memory_create");
        return m;
    }

    /** oneDNN's name for the implementation it picked, e.g. {@code gemm:jit} or {@code jit:avx512_common}. */
    String implementation() {
        return implementation;
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
        return plain(dims, dnnl_format_tag_any);
    }

    static dnnl_memory_desc_t activation(long n, long c, int h, int w) {
        return plain(new long[] {n, c, h, w}, dnnl_nchw);
    }

    /** Conv weight [out, in/g, kH, kW] as (g)oihw; transposed weight [in, out/g, kH, kW] as (g)iohw. */
    private static dnnl_memory_desc_t weights(int g, int srcChannels, int dstChannels, ConvSpec s, boolean deconv) {
        long o = dstChannels / g;
        long i = srcChannels / g;
        long kh = s.kernel(0);
        long kw = s.kernel(1);
        if (g == 1) {
            return plain(new long[] {o, i, kh, kw}, deconv ? dnnl_iohw : dnnl_oihw);
        }
        return plain(new long[] {g, o, i, kh, kw}, deconv ? dnnl_giohw : dnnl_goihw);
    }

    private static dnnl_memory_desc_t plain(long[] dims, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory_desc_init_by_tag");
        return md;
    }

    private static String implementation(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> name = new PointerPointer<>(1);
        if (dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, name) != dnnl_success) {
            return "unknown";
        }
        return name.getString(0);
    }

    static void check(int status, String call) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN dnnl_" + call + " failed with status " + status);
        }
    }

    /** A raw address handed to oneDNN as a data handle. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
