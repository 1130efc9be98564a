package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_matmul_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;

/**
 * oneDNN's matrix product c[m×n] = op(a)·op(b) (+ bias, one value per column) on row-major
 * arrays, a transposed operand read in place through its layout (oneDNN's {@code ba}). It runs on
 * the same OpenMP threads as the convolutions around it, so a dense layer between them does not
 * hand the cores over to minidl's workers and back (see BENCHMARKS.md).
 */
final class OneDnnMatMul {
    /** A product's shape: op(a) is [m, k], op(b) is [k, n]. */
    record Key(long m, long n, long k, boolean transA, boolean transB, boolean bias) {
    }

    private OneDnnMatMul() {
    }

    /**
     * The primitive for {@code key}, arguments a, b, bias (when the key has one) and c; null when
     * oneDNN has no implementation for it.
     */
    static OneDnnPrimitive create(Key key, dnnl_engine engine) {
        dnnl_memory_desc_t a = matrix(key.m(), key.k(), key.transA());
        dnnl_memory_desc_t b = matrix(key.k(), key.n(), key.transB());
        dnnl_memory_desc_t bias = key.bias() ? matrix(1, key.n(), false) : null;
        dnnl_memory_desc_t c = matrix(key.m(), key.n(), false);
        dnnl_matmul_desc_t desc = new dnnl_matmul_desc_t();
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        if (dnnl_matmul_desc_init(desc, a, b, bias, c) != dnnl_success
                || dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(desc), null, engine, null) != dnnl_success) {
            return null;
        }
        dnnl_primitive p = OneDnnPrimitive.create(pd, "matmul");
        OneDnnPrimitive product = key.bias()
                ? new OneDnnPrimitive(p, pd, new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST},
                        new dnnl_memory_desc_t[] {a, b, bias, c}, engine)
                : new OneDnnPrimitive(p, pd, new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST},
                        new dnnl_memory_desc_t[] {a, b, c}, engine);
        dnnl_primitive_desc_destroy(pd);
        return product;
    }

    /** A rows×cols operand; transposed, it is stored as the row-major cols×rows array. */
    private static dnnl_memory_desc_t matrix(long rows, long cols, boolean transposed) {
        return OneDnnPrimitive.descriptor(transposed ? dnnl_ba : dnnl_ab, rows, cols);
    }
}
