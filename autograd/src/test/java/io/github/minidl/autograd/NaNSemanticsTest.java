package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's NaN rules, first and second order: ReLU passes the gradient through at a NaN input,
 * and max pooling gives a window's gradient to its last NaN.
 */
class NaNSemanticsTest {
    private static Tensor of(DataType type, double[] v, long... shape) {
        return Tensor.of(Nd4j.createFromArray(v).reshape(shape).castTo(type));
    }

    private static double[] values(Tensor t) {
        return t.data().castTo(DataType.DOUBLE).data().asDouble();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluPassesTheGradientThroughAtNaN(DataType type) {
        Tensor x = of(type, new double[] {Double.NaN, -1, 0, -0.0, 2}, 5).requiresGrad(true);
        Tensor gy = of(type, new double[] {1, 2, 3, 4, 5}, 5).requiresGrad(true);
        Tensor y = F.relu(x);
        assertTrue(Double.isNaN(y.data().getDouble(0)), "relu(NaN) is NaN");
        // First order, the fused path (no graph recorded).
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {gy}, new Tensor[] {x},
                BackwardOptions.defaults().withRetainGraph());
        assertArrayEquals(new double[] {1, 0, 0, 0, 5}, values(g[0]), type + " first order");
        // Second order: the backward recorded, differentiated with respect to gy.
        Tensor gx = Autograd.grad(new Tensor[] {y}, new Tensor[] {gy}, new Tensor[] {x},
                BackwardOptions.defaults().withCreateGraph())[0];
        assertArrayEquals(new double[] {1, 0, 0, 0, 5}, values(gx), type + " recorded first order");
        Tensor v = of(type, new double[] {7, 8, 9, 10, 11}, 5);
        Tensor ggy = Autograd.grad(gx.mul(v).sum(), gy)[0];
        assertArrayEquals(new double[] {7, 0, 0, 0, 11}, values(ggy), type + " d(gx)/d(gy)");
    }

    /** x = [[1, NaN], [NaN, 2]] with kernel 2: PyTorch's index is 2, so gx = [0, 0, gy, 0]. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void maxPoolRoutesTheGradientToTheLastNaN(DataType type) {
        double[] xs = {1, Double.NaN, Double.NaN, 2, 3, Double.NaN, Double.NaN, Double.NaN};
        Tensor x = of(type, xs, 1, 2, 2, 2).requiresGrad(true);
        Tensor gy = of(type, new double[] {1.5, -2}, 1, 2, 1, 1).requiresGrad(true);
        Tensor y = F.maxPool2d(x, 2);
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {gy}, new Tensor[] {x},
                BackwardOptions.defaults().withRetainGraph());
        double[] expected = {0, 0, 1.5, 0, 0, 0, 0, -2};
        assertArrayEquals(expected, values(g[0]), type + " first order (2x2 loop)");
        Tensor gx = Autograd.grad(new Tensor[] {y}, new Tensor[] {gy}, new Tensor[] {x},
                BackwardOptions.defaults().withCreateGraph())[0];
        assertArrayEquals(expected, values(gx), type + " recorded first order");
        Tensor v = of(type, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        Tensor ggy = Autograd.grad(gx.mul(v).sum(), gy)[0];
        assertArrayEquals(new double[] {3, 8}, values(ggy), type + " double backward gathers at the last NaN");
        assertArrayEquals(new long[] {2, 3}, F.maxPool2dWithIndices(x, io.github.minidl.core.geometry.PoolSpec.builder(2)
                .build()).indices().data().asLong(), type + " indices");
    }

    static Stream<GoldenCase> goldenCases() {
        return Golden.cases("parity_training_cases", "relu_nan", "max_pool2d_nan");
    }

    /** PyTorch's outputs (NaN where it has NaN) and input gradients, through F and backward. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesPyTorch(GoldenCase c) {
        Tensor x = Tensor.of(c.tensor("x")).requiresGrad(true);
        Tensor y = c.op().equals("relu_nan") ? F.relu(x) : F.maxPool2d(x, PoolSpec.builder(c.ints("kernel_size"))
                .stride(c.ints("stride")).padding(c.ints("padding")).dilation(c.ints("dilation")).build());
        double[] expected = c.tensor("y").data().asDouble();
        double[] actual = values(y);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(0, Double.compare(expected[i], actual[i]), c.id() + " y at " + i);
        }
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), x.grad().data(), 1e-10, c.id() + " gx");
    }
}
