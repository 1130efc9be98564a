package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * oneDNN's batch normalization in training mode on nchw arrays of one shape: the forward writes
 * y with each channel's batch mean and biased variance, the backward takes them back and writes
 * the input gradient with the weight and bias gradients in the same pass. The arrays stay plain
 * (no reorders); a weight and a bias are optional, as in {@code affine=False}.
 */
final class OneDnnBatchNorm {
    /** A shape, eps, and which of weight and bias there are. */
    record Key(long batch, long channels, int h, int w, float eps, boolean weight, boolean bias) {
    }

    /** Arguments: x, [weight], [bias], mean, variance, y. */
    final OneDnnPrimitive forward;
    /** Arguments: x, mean, variance, gy, [weight], [bias], [weight gradient], [bias gradient], gx. */
    final OneDnnPrimitive backward;

    private OneDnnBatchNorm(OneDnnPrimitive forward, OneDnnPrimitive backward) {
        this.forward = forward;
        this.backward = backward;
    }

    /** Builds both primitives, or returns null when oneDNN has no implementation for the key. */
    static OneDnnBatchNorm create(Key key, dnnl_engine engine) {
        dnnl_memory_desc_t data = OneDnnConv.activation(key.batch(), key.channels(), key.h(), key.w());
        dnnl_memory_desc_t channel = OneDnnPrimitive.descriptor(dnnl_a, key.channels());
        int flags = (key.weight() ? dnnl_use_scale : 0) | (key.bias() ? dnnl_use_shift : 0);
        dnnl_batch_normalization_desc_t fwd = new dnnl_batch_normalization_desc_t();
        dnnl_primitive_desc fwdPd = new dnnl_primitive_desc();
        if (dnnl_batch_normalization_forward_desc_init(fwd, dnnl_forward_training, data, key.eps(), flags) != dnnl_success
                || dnnl_primitive_desc_create(fwdPd, new const_dnnl_op_desc_t(fwd), null, engine, null) != dnnl_success) {
            return null;
        }
        dnnl_batch_normalization_desc_t bwd = new dnnl_batch_normalization_desc_t();
        dnnl_primitive_desc bwdPd = new dnnl_primitive_desc();
        int propagation = flags != 0 ? dnnl_backward : dnnl_backward_data;
        if (dnnl_batch_normalization_backward_desc_init(bwd, propagation, data, data, key.eps(), flags) != dnnl_success
                || dnnl_primitive_desc_create(bwdPd, new const_dnnl_op_desc_t(bwd), null, engine, fwdPd) != dnnl_success) {
            dnnl_primitive_desc_destroy(fwdPd);
            return null;
        }
        ArgumentList f = new ArgumentList();
        f.add(DNNL_ARG_SRC, data);
        f.addIf(key.weight(), DNNL_ARG_SCALE, channel);
        f.addIf(key.bias(), DNNL_ARG_SHIFT, channel);
        f.add(DNNL_ARG_MEAN, channel);
        f.add(DNNL_ARG_VARIANCE, channel);
        f.add(DNNL_ARG_DST, data);
        ArgumentList b = new ArgumentList();
        b.add(DNNL_ARG_SRC, data);
        b.add(DNNL_ARG_MEAN, channel);
        b.add(DNNL_ARG_VARIANCE, channel);
        b.add(DNNL_ARG_DIFF_DST, data);
        b.addIf(key.weight(), DNNL_ARG_SCALE, channel);
        b.addIf(key.bias(), DNNL_ARG_SHIFT, channel);
        b.addIf(key.weight(), DNNL_ARG_DIFF_SCALE, channel);
        b.addIf(key.bias(), DNNL_ARG_DIFF_SHIFT, channel);
        b.add(DNNL_ARG_DIFF_SRC, data);
        OneDnnBatchNorm bn = new OneDnnBatchNorm(f.build(fwdPd, engine), b.build(bwdPd, engine));
        dnnl_primitive_desc_destroy(bwdPd);
        dnnl_primitive_desc_destroy(fwdPd);
        return bn;
    }

    /** oneDNN's names for the implementations it picked, forward and backward. */
    String implementation() {
        return forward.implementation() + " / " + backward.implementation();
    }

    /** A primitive's arguments in the order run() takes their addresses. */
    private static final class ArgumentList {
        private final List<Integer> ids = new ArrayList<>();
        private final List<dnnl_memory_desc_t> mds = new ArrayList<>();

        void add(int id, dnnl_memory_desc_t md) {
            ids.add(id);
            mds.add(md);
        }

        void addIf(boolean present, int id, dnnl_memory_desc_t md) {
            if (present) {
                add(id, md);
            }
        }

        OneDnnPrimitive build(dnnl_primitive_desc pd, dnnl_engine engine) {
            return new OneDnnPrimitive(OneDnnPrimitive.create(pd, "batch normalization"), pd,
                    ids.stream().mapToInt(Integer::intValue).toArray(), mds.toArray(new dnnl_memory_desc_t[0]), engine);
        }
    }
}
