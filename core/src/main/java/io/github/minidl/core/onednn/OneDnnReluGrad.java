package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * relu's gradient in one pass over flat arrays of one length: {@code gx = (y != 0) · gy}, oneDNN's
 * binary "not equal" with the product by gy fused as a post-op. y = relu(x) is ≥ 0 or NaN, so
 * {@code y != 0} is PyTorch's "x > 0, or NaN" (its threshold_backward passes gy through a NaN).
 */
final class OneDnnReluGrad {
    /** Arguments: y, a zero scalar, gy (the post-op's operand), gx. */
    final OneDnnPrimitive primitive;

    private OneDnnReluGrad(OneDnnPrimitive primitive) {
        this.primitive = primitive;
    }

    /** Builds the primitive for arrays of {@code length} elements, or null when oneDNN has none. */
    static OneDnnReluGrad create(long length, dnnl_engine engine) {
        dnnl_memory_desc_t flat = flat(length);
        dnnl_memory_desc_t scalar = flat(1);
        dnnl_post_ops ops = new dnnl_post_ops();
        dnnl_primitive_attr attr = new dnnl_primitive_attr();
        OneDnnPrimitive.check(dnnl_post_ops_create(ops), "post_ops_create");
        OneDnnPrimitive.check(dnnl_post_ops_append_binary(ops, dnnl_binary_mul, flat), "post_ops_append_binary");
        OneDnnPrimitive.check(dnnl_primitive_attr_create(attr), "primitive_attr_create");
        OneDnnPrimitive.check(dnnl_primitive_attr_set_post_ops(attr, ops), "primitive_attr_set_post_ops");
        dnnl_binary_desc_t desc = new dnnl_binary_desc_t();
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        try {
            if (dnnl_binary_desc_init(desc, dnnl_binary_ne, flat, scalar, flat) != dnnl_success
                    || dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(desc), attr,
                            engine, null) != dnnl_success) {
                return null;
            }
            dnnl_primitive p = OneDnnPrimitive.create(pd, "binary");
            int gyArg = DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1; // the first post-op's operand
            OneDnnPrimitive primitive = new OneDnnPrimitive(p, pd,
                    new int[] {DNNL_ARG_SRC_0, DNNL_ARG_SRC_1, gyArg, DNNL_ARG_DST},
                    new dnnl_memory_desc_t[] {flat, scalar, flat, flat}, engine);
            dnnl_primitive_desc_destroy(pd);
            return new OneDnnReluGrad(primitive);
        } finally {
            dnnl_primitive_attr_destroy(attr);
            dnnl_post_ops_destroy(ops);
        }
    }

    private static dnnl_memory_desc_t flat(long length) {
        return OneDnnPrimitive.descriptor(dnnl_a, length);
    }
}
