package io.github.minidl.autograd;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ops that are linear maps of one tensor (reshape, permute, slice, padding, pooling by
 * averages or fixed indices, ...). The backward of {@code f} is its adjoint, recorded through
 * this same helper with the roles swapped, so such ops are differentiable to any order.
 */
final class LinearOps {
    private LinearOps() {
    }

    /** y = f(x); the gradient is adjoint(gy), itself an op named {@code adjointName}. */
    static Tensor apply(String name, Tensor x, UnaryOperator<INDArray> f,
                        String adjointName, UnaryOperator<INDArray> adjoint) {
        return Node.record(name, f.apply(x.data()),
                (gy, y, needs) -> new Tensor[] {apply(adjointName, gy, adjoint, name, f)}, x);
    }
}
