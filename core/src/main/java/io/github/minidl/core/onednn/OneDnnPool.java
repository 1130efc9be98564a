package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.kernels.Threads;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's max pooling in 2×2 windows at stride 2 on nchw arrays, for one input shape: the
 * forward (training) writes a workspace naming each window's winning tap, and the backward routes
 * the gradient by it instead of searching the windows again. oneDNN's first tap wins ties, as in
 * PyTorch; it skips NaN and starts from the lowest finite float, so the engine sends inputs with
 * a NaN or an infinity elsewhere.
 */
final class OneDnnPool {
    /** An input shape [batch, channels, h, w]. */
    record Key(long batch, long channels, int h, int w) {
    }

    /** Elements per block of {@link #nonFinite}'s read (16 KiB, in the core's cache). */
    private static final int CHECK_BLOCK = 4096;
    /** One block per worker thread, reused across calls so the check allocates nothing per step. */
    private static final ThreadLocal<int[]> CHECK_BLOCKS = ThreadLocal.withInitial(() -> new int[CHECK_BLOCK]);

    private static final long[] PAIRS = {2, 2};
    private static final long[] NO_PADDING = {0, 0};

    /** Arguments: source, workspace, destination. */
    final OneDnnPrimitive forward;
    /** Arguments: gradient of the destination, workspace, gradient of the source. */
    final OneDnnPrimitive backward;
    /** Bytes of one workspace. */
    final long workspaceBytes;

    private OneDnnPool(OneDnnPrimitive forward, OneDnnPrimitive backward, long workspaceBytes) {
        this.forward = forward;
        this.backward = backward;
        this.workspaceBytes = workspaceBytes;
    }

    /** Builds both primitives, or returns null when oneDNN has no implementation for the shape. */
    static OneDnnPool create(Key key, dnnl_engine engine) {
        dnnl_memory_desc_t src = OneDnnConv.activation(key.batch(), key.channels(), key.h(), key.w());
        dnnl_memory_desc_t dst = OneDnnConv.activation(key.batch(), key.channels(), key.h() / 2, key.w() / 2);
        dnnl_pooling_desc_t fwd = new dnnl_pooling_desc_t();
        if (dnnl_pooling_forward_desc_init(fwd, dnnl_forward_training, dnnl_pooling_max, src, dst, PAIRS, PAIRS,
                NO_PADDING, NO_PADDING) != dnnl_success) {
            return null;
        }
        dnnl_primitive_desc fwdPd = new dnnl_primitive_desc();
        if (dnnl_primitive_desc_create(fwdPd, new const_dnnl_op_desc_t(fwd), null, engine, null) != dnnl_success) {
            return null;
        }
        dnnl_memory_desc_t ws = dnnl_primitive_desc_query_md(fwdPd, dnnl_query_workspace_md, 0);
        long bytes = dnnl_memory_desc_get_size(ws);
        dnnl_pooling_desc_t bwd = new dnnl_pooling_desc_t();
        dnnl_primitive_desc bwdPd = new dnnl_primitive_desc();
        if (dnnl_pooling_backward_desc_init(bwd, dnnl_pooling_max, src, dst, PAIRS, PAIRS, NO_PADDING,
                NO_PADDING) != dnnl_success
                || dnnl_primitive_desc_create(bwdPd, new const_dnnl_op_desc_t(bwd), null, engine, fwdPd) != dnnl_success) {
            dnnl_primitive_desc_destroy(fwdPd);
            return null;
        }
        OneDnnPrimitive forward = new OneDnnPrimitive(OneDnnPrimitive.create(fwdPd, "pooling"), fwdPd,
                new int[] {DNNL_ARG_SRC, DNNL_ARG_WORKSPACE, DNNL_ARG_DST}, new dnnl_memory_desc_t[] {src, ws, dst},
                engine);
        OneDnnPrimitive backward = new OneDnnPrimitive(OneDnnPrimitive.create(bwdPd, "pooling"), bwdPd,
                new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WORKSPACE, DNNL_ARG_DIFF_SRC},
                new dnnl_memory_desc_t[] {dst, ws, src}, engine);
        dnnl_primitive_desc_destroy(bwdPd);
        dnnl_primitive_desc_destroy(fwdPd);
        return new OneDnnPool(forward, backward, bytes);
    }

    /**
     * Whether x holds a NaN or an infinity: oneDNN's max pooling skips NaN (PyTorch's returns the
     * last NaN of a window) and gives the lowest finite float for a window of -∞, so such inputs
     * go to the fallback. One read of x, in blocks over the workers.
     */
    static boolean nonFinite(INDArray x) {
        IntBuffer bits = x.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
        int offset = Math.toIntExact(x.offset());
        int length = Math.toIntExact(x.length());
        AtomicBoolean found = new AtomicBoolean();
        Threads.forRange((length + CHECK_BLOCK - 1) / CHECK_BLOCK, (worker, from, to) -> {
            int[] block = CHECK_BLOCKS.get();
            for (int b = from; b < to && !found.get(); b++) {
                int start = b * CHECK_BLOCK;
                int n = Math.min(CHECK_BLOCK, length - start);
                bits.get(offset + start, block, 0, n);
                // An all-ones exponent (NaN or ±∞) carries into the sign bit; an OR over a heap
                // block is a loop the JIT vectorises, unlike reads from the native buffer.
                int any = 0;
                for (int i = 0; i < n; i++) {
                    any |= (block[i] & 0x7f800000) + 0x00800000;
                }
                if (any < 0) {
                    found.set(true);
                }
            }
        });
        return found.get();
    }

    /** oneDNN's names for the implementations it picked, forward and backward. */
    String implementation() {
        return forward.implementation() + " / " + backward.implementation();
    }
}
