package io.github.minidl.autograd;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise arithmetic with NumPy/PyTorch broadcasting. Each gradient is summed back to its
 * operand's shape ({@link Shapes#sumTo}); every backward is written in these same ops.
 */
final class Arithmetic {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Arithmetic() {
    }

    static Tensor add(Tensor a, Tensor b) {
        return broadcasting("add", a, b, INDArray::add, gy -> gy, gy -> gy);
    }

    static Tensor sub(Tensor a, Tensor b) {
        return broadcasting("sub", a, b, INDArray::sub, gy -> gy, Tensor::neg);
    }

    static Tensor mul(Tensor a, Tensor b) {
        return broadcasting("mul", a, b, INDArray::mul, gy -> gy.mul(b), gy -> gy.mul(a));
    }

    static Tensor div(Tensor a, Tensor b) {
        return broadcasting("div", a, b, INDArray::div, gy -> gy.div(b), gy -> gy.mul(a).div(b.mul(b)).neg());
    }

    /**
     * Records {@code f(a, b)} with broadcasting; {@code gradA(gy)} and {@code gradB(gy)}, the
     * gradients at the broadcast shape, are summed back to each operand's shape.
     */
    private static Tensor broadcasting(String op, Tensor a, Tensor b, BinaryOperator<INDArray> f,
                                       UnaryOperator<Tensor> gradA, UnaryOperator<Tensor> gradB) {
        Nd.sameFloatType(op, a, b);
        long[] sa = a.shape();
        long[] sb = b.shape();
        Nd.broadcastShape(op, sa, sb);
        return Node.record(op, f.apply(a.data(), b.data()), (gy, y, needs) -> new Tensor[] {
            needs[0] ? Shapes.sumTo(gradA.apply(gy), sa) : null,
            needs[1] ? Shapes.sumTo(gradB.apply(gy), sb) : null}, a, b);
    }

    static Tensor add(Tensor x, double c) {
        Nd.sameFloatType("add", x);
        return Node.record("addScalar", x.data().add(c), (gy, y, needs) -> new Tensor[] {gy}, x);
    }

    static Tensor mul(Tensor x, double c) {
        Nd.sameFloatType("mul", x);
        return Node.record(c == -1 ? "neg" : "mulScalar", x.data().mul(c),
                (gy, y, needs) -> new Tensor[] {mul(gy, c)}, x);
    }

    /** x^p; the gradient p·x^(p-1)·gy. */
    static Tensor pow(Tensor x, double p) {
        Nd.sameFloatType("pow", x);
        if (p == 1) {
            return x;
        }
        return Node.record("pow", Transforms.pow(x.data(), p, true),
                (gy, y, needs) -> new Tensor[] {gy.mul(pow(x, p - 1).mul(p))}, x);
    }

    static Tensor exp(Tensor x) {
        Nd.sameFloatType("exp", x);
        return Node.record("exp", Transforms.exp(x.data(), true), (gy, y, needs) -> new Tensor[] {gy.mul(y)}, x);
    }

    static Tensor log(Tensor x) {
        Nd.sameFloatType("log", x);
        return Node.record("log", Transforms.log(x.data(), true), (gy, y, needs) -> new Tensor[] {gy.div(x)}, x);
    }

    static Tensor sqrt(Tensor x) {
        Nd.sameFloatType("sqrt", x);
        return Node.record("sqrt", Transforms.sqrt(x.data(), true),
                (gy, y, needs) -> new Tensor[] {gy.div(y.mul(2))}, x);
    }

    /** |x|; the gradient sign(x)·gy (0 at 0, as in PyTorch). */
    static Tensor abs(Tensor x) {
        Nd.sameFloatType("abs", x);
        return Node.record("abs", Transforms.abs(x.data(), true), (gy, y, needs) -> {
            Tensor sign = Tensor.of(Transforms.sign(x.data(), true));
            return new Tensor[] {gy.mul(sign)};
        }, x);
    }

    /** erf(x); the gradient 2/√π·e^(-x²)·gy. */
    static Tensor erf(Tensor x) {
        Nd.sameFloatType("erf", x);
        INDArray y = x.data().dup();
        Nd4j.getExecutioner().exec(new Erf(y));
        return Node.record("erf", y,
                (gy, out, needs) -> new Tensor[] {gy.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))}, x);
    }

    /** min(max(x, min), max); the gradient passes where min ≤ x ≤ max. Either bound may be NaN (none). */
    static Tensor clamp(Tensor x, double min, double max) {
        Nd.sameFloatType("clamp", x);
        if (min > max) {
            throw new IllegalArgumentException("clamp: min=" + min + " must not exceed max=" + max);
        }
        INDArray y = x.data().dup();
        INDArray mask = Nd4j.ones(x.dataType(), x.shape());
        if (!Double.isNaN(min)) {
            y = Transforms.max(y, min, false);
            mask.muli(x.data().gte(min).castTo(x.dataType()));
        }
        if (!Double.isNaN(max)) {
            y = Transforms.min(y, max, false);
            mask.muli(x.data().lte(max).castTo(x.dataType()));
        }
        Tensor m = Tensor.of(mask);
        return Node.record("clamp", y, (gy, out, needs) -> new Tensor[] {gy.mul(m)}, x);
    }
}
