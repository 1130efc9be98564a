package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.ConvSpec;
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
 *
 * <p>All four kernels use plain layouts (nchw activations, (g)oihw / (g)iohw weights, exactly
 * ND4J's c-order arrays), so nothing is reordered or copied.
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

    /** A geometry: (inH, inW) is x's size, (outH, outW) the size of y or of gy. */
    record Key(Kind kind, ConvSpec spec, long batch, int inH, int inW, int outH, int outW, boolean bias) {
    }

    private final dnnl_primitive primitive;
    private final dnnl_memory[] memories;
    private final dnnl_exec_arg_t args;
    private final String implementation;

    private OneDnnConv(dnnl_primitive primitive, int[] argIds, dnnl_memory_desc_t[] mds, dnnl_engine engine,
            String implementation) {
        this.primitive = primitive;
        this.implementation = implementation;
        memories = new dnnl_memory[argIds.length];
        args = new dnnl_exec_arg_t(argIds.length);
        for (int i = 0; i < argIds.length; i++) {
            memories[i] = new dnnl_memory();
            // No buffer of its own: run() points it at the caller's array.
            check(dnnl_memory_create(memories[i], mds[i], engine, (Pointer) null), "memory_create");
            args.position(i).arg(argIds[i]).memory(memories[i]);
        }
        args.position(0);
    }

    /**
     * Builds the primitive for {@code key}, or returns null when oneDNN has no implementation for
     * it (for example a padding it cannot express); the caller then uses another engine.
     */
    static OneDnnConv create(Key key, dnnl_engine engine) {
        ConvSpec s = key.spec();
        boolean deconv = key.kind().deconvolution();
        dnnl_memory_desc_t src = activation(key.batch(), s.inChannels(), key.inH(), key.inW());
        dnnl_memory_desc_t dst = activation(key.batch(), s.outChannels(), key.outH(), key.outW());
        dnnl_memory_desc_t weights = weights(s, deconv);
        dnnl_memory_desc_t bias = key.bias() ? plain(new long[] {s.outChannels()}, dnnl_x) : null;
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
        int status = deconv
                ? dnnl_dilated_deconvolution_forward_desc_init(fwd, dnnl_forward_training, dnnl_deconvolution_direct,
                        src, weights, bias, dst, strides, dilates, padL, padR)
                : dnnl_dilated_convolution_forward_desc_init(fwd, dnnl_forward_training, dnnl_convolution_direct,
                        src, weights, bias, dst, strides, dilates, padL, padR);
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
            status = deconv
                    ? dnnl_dilated_deconvolution_backward_weights_desc_init(bwd, dnnl_deconvolution_direct,
                            src, weights, null, dst, strides, dilates, padL, padR)
                    : dnnl_dilated_convolution_backward_weights_desc_init(bwd, dnnl_convolution_direct,
                            src, weights, null, dst, strides, dilates, padL, padR);
            pd = new dnnl_primitive_desc();
            if (status != dnnl_success
                    || dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(bwd), null, engine, fwdPd) != dnnl_success) {
                dnnl_primitive_desc_destroy(fwdPd);
                return null;
            }
            argIds = new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS};
            mds = new dnnl_memory_desc_t[] {src, dst, weights};
        }
        dnnl_primitive primitive = new dnnl_primitive();
        check(dnnl_primitive_create(primitive, pd), "primitive_create");
        String impl = implementation(pd);
        if (pd != fwdPd) {
            dnnl_primitive_desc_destroy(pd);
        }
        dnnl_primitive_desc_destroy(fwdPd);
        return new OneDnnConv(primitive, argIds, mds, engine, impl);
    }

    /** Runs the primitive on arrays at these addresses, one per argument in the order create() chose. */
    void run(dnnl_stream stream, long... addresses) {
        for (int i = 0; i < memories.length; i++) {
            check(dnnl_memory_set_data_handle(memories[i], new Address(addresses[i])), "memory_set_data_handle");
        }
        check(dnnl_primitive_execute(primitive, stream, memories.length, args), "primitive_execute");
        check(dnnl_stream_wait(stream), "stream_wait");
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
    static long rightPadding(int big, int small, int dilatedKernel, int stride, int padL) {
        long lower = (long) (small - 1) * stride + dilatedKernel - big - padL;
        return lower >= 0 ? lower : lower + stride - 1 >= 0 ? 0 : lower;
    }

    private static dnnl_memory_desc_t activation(long n, int c, int h, int w) {
        return plain(new long[] {n, c, h, w}, dnnl_nchw);
    }

    /** Conv weight [out, in/g, kH, kW] as (g)oihw; transposed weight [in, out/g, kH, kW] as (g)iohw. */
    private static dnnl_memory_desc_t weights(ConvSpec s, boolean deconv) {
        int g = s.groups();
        long o = s.outChannels() / g;
        long i = s.inChannels() / g;
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
