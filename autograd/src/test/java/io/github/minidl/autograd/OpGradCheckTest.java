package io.github.minidl.autograd;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient and second-order gradient checks of the element-wise, reduction, shape and matrix ops. */
class OpGradCheckTest {
    /** One op under test: its inputs and whether its backward is differentiable again. */
    record Case(String name, Function<Tensor[], Tensor> f, Supplier<Tensor[]> inputs, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Supplier<Tensor[]> randn(long seed, long[]... shapes) {
        return () -> {
            var rng = new SplittableRandom(seed);
            Tensor[] t = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                t[i] = Tensors.randn(rng, shapes[i]);
            }
            return t;
        };
    }

    private static Supplier<Tensor[]> positive(long seed, long[]... shapes) {
        return () -> {
            var rng = new SplittableRandom(seed);
            Tensor[] t = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                t[i] = Tensors.uniform(rng, 0.5, 2.0, shapes[i]);
            }
            return t;
        };
    }

    private static long[] s(long... d) {
        return d;
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("add broadcast", in -> in[0].add(in[1]), randn(1, s(2, 3), s(3)), true),
            new Case("add both broadcast", in -> in[0].add(in[1]), randn(2, s(2, 1), s(1, 3)), true),
            new Case("sub broadcast", in -> in[0].sub(in[1]), randn(3, s(4, 1, 3), s(2, 1)), true),
            new Case("mul broadcast", in -> in[0].mul(in[1]), randn(4, s(2, 3, 4), s(3, 1)), true),
            new Case("div broadcast", in -> in[0].div(in[1]), positive(5, s(2, 3), s(3)), true),
            new Case("mul by rank-0 tensor", in -> in[0].mul(in[1]).add(in[1]), randn(46, s(2, 3), s()), true),
            new Case("scalar ops", in -> in[0].add(2).mul(3).sub(1).div(4).neg(), randn(6, s(5)), true),
            new Case("pow 3", in -> in[0].pow(3), randn(7, s(2, 3)), true),
            new Case("pow -1.5", in -> in[0].pow(-1.5), positive(8, s(4)), true),
            new Case("exp", in -> in[0].exp(), randn(9, s(2, 3)), true),
            new Case("log", in -> in[0].log(), positive(10, s(2, 3)), true),
            new Case("sqrt", in -> in[0].sqrt(), positive(11, s(2, 3)), true),
            new Case("abs", in -> in[0].abs(), randn(12, s(6)), true),
            new Case("erf", in -> F.erf(in[0]), randn(13, s(6)), true),
            new Case("clamp", in -> F.clamp(in[0], -0.5, 0.7), randn(14, s(10)), true),
            new Case("relu", in -> F.relu(in[0]), randn(15, s(3, 4)), true),
            new Case("leakyRelu", in -> F.leakyRelu(in[0], 0.1), randn(16, s(3, 4)), true),
            new Case("sigmoid", in -> F.sigmoid(in[0]), randn(17, s(3, 4)), true),
            new Case("tanh", in -> F.tanh(in[0]), randn(18, s(3, 4)), true),
            new Case("gelu", in -> F.gelu(in[0]), randn(19, s(3, 4)), true),
            new Case("gelu tanh", in -> F.gelu(in[0], GeluApproximation.TANH), randn(20, s(3, 4)), true),
            new Case("softmax dim 1", in -> F.softmax(in[0], 1), randn(21, s(2, 4, 3)), true),
            new Case("softmax dim -1", in -> F.softmax(in[0], -1), randn(22, s(3, 5)), true),
            new Case("logSoftmax", in -> F.logSoftmax(in[0], 1), randn(23, s(3, 5)), true),
            new Case("sum all", in -> in[0].sum(), randn(24, s(2, 3)), true),
            new Case("sum dims", in -> in[0].sum(0, 2), randn(25, s(2, 3, 4)), true),
            new Case("sum keepdim", in -> in[0].sumKeepDim(1).mul(in[0]), randn(26, s(2, 3)), true),
            new Case("mean dims", in -> in[0].mean(-1), randn(27, s(2, 3, 4)), true),
            new Case("mean all keepdim", in -> in[0].meanKeepDim(), randn(28, s(2, 3)), true),
            new Case("max dim", in -> F.max(in[0], 1), randn(29, s(3, 4, 2)), true),
            new Case("max keepdim", in -> F.maxKeepDim(in[0], 0).mul(in[0]), randn(30, s(3, 2)), true),
            new Case("reshape", in -> in[0].reshape(3, -1).mul(in[1]), randn(31, s(2, 3, 2), s(3, 4)), true),
            new Case("permute", in -> in[0].permute(2, 0, 1).mul(in[1]), randn(32, s(2, 3, 4), s(4, 2, 3)), true),
            new Case("transpose", in -> in[0].transpose(0, 1).exp(), randn(33, s(2, 3)), true),
            new Case("flatten", in -> F.flatten(in[0]).mul(in[1]), randn(34, s(2, 3, 2), s(2, 6)), true),
            new Case("expand", in -> F.expand(in[0], 4, 2, 3).mul(in[1]), randn(35, s(2, 1), s(4, 2, 3)), true),
            new Case("concat", in -> F.concat(1, in[0], in[1].exp(), in[0]), randn(36, s(2, 3), s(2, 2)), true),
            new Case("slice", in -> F.slice(in[0], 1, 1, 3).mul(F.slice(in[0], -1, 0, 2)), randn(37, s(2, 4)), true),
            new Case("matmul 2d", in -> in[0].matmul(in[1]), randn(38, s(3, 4), s(4, 2)), true),
            new Case("matmul batched", in -> in[0].matmul(in[1]), randn(39, s(2, 3, 4), s(2, 4, 5)), true),
            new Case("matmul broadcast batch", in -> in[0].matmul(in[1]), randn(40, s(2, 1, 3, 4), s(3, 4, 2)), true),
            new Case("matmul vector", in -> in[0].matmul(in[1]), randn(41, s(3, 4), s(4)), true),
            new Case("matmul 3d x 2d", in -> in[0].matmul(in[1]), randn(42, s(2, 3, 4), s(4, 2)), true),
            new Case("linear", in -> F.linear(in[0], in[1], in[2]), randn(43, s(5, 3), s(4, 3), s(4)), true),
            new Case("linear no bias rank 3", in -> F.linear(in[0], in[1], null), randn(44, s(2, 5, 3), s(4, 3)), true),
            new Case("composite", in -> F.tanh(in[0].matmul(in[1])).mul(in[0].sum(1).reshape(3, 1)).exp().mean(),
                    randn(45, s(3, 4), s(4, 2)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradients(Case c) {
        GradCheck.assertGradients(c.f(), c.inputs().get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrderGradients(Case c) {
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(c.f(), c.inputs().get());
        }
    }
}
