package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Gradient checks of conv2d and convTranspose2d over stride, padding, dilation, groups and
 * output padding, first and second order (the backward passes are the same ops again).
 */
class ConvGradCheckTest {
    /** A configuration and the input's spatial size. */
    record Config<S>(String name, S spec, int h, int w, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ConvSpec.ConvSpecBuilder spec(int in, int out, int k) {
        return ConvSpec.builder(in, out, k);
    }

    static Stream<Config<ConvSpec>> conv2dConfigs() {
        return Stream.of(
            new Config<>("plain 3x3", spec(2, 2, 3).build(), 4, 4, true),
            new Config<>("stride 2 padding 1", spec(1, 2, 3).stride(2).padding(1).build(), 5, 4, true),
            new Config<>("dilation 2", spec(1, 2, 2).dilation(2).padding(1).build(), 5, 5, true),
            new Config<>("groups 2", spec(4, 2, 3).groups(2).padding(1).build(), 4, 3, true),
            new Config<>("depthwise multiplier 2", spec(2, 4, 3).groups(2).stride(2).build(), 5, 6, true),
            new Config<>("asymmetric", spec(2, 2, 1).stride(2, 1).padding(1, 0).build(), 5, 4, false),
            new Config<>("rect kernel dilation stride", ConvSpec.builder(1, 2, 2, 3).stride(2).dilation(2, 1).build(), 7, 6, false),
            new Config<>("unread border", spec(1, 1, 2).stride(3).build(), 5, 5, true));
    }

    static Stream<Config<TransposedConvSpec>> convTranspose2dConfigs() {
        return Stream.of(
            new Config<>("plain 3x3", spec(2, 2, 3).buildTransposed(), 2, 3, true),
            new Config<>("stride 2 padding 1", spec(1, 2, 3).stride(2).padding(1).buildTransposed(), 3, 3, false),
            new Config<>("output padding 1", spec(2, 1, 3).stride(2).padding(1).outputPadding(1).buildTransposed(), 3, 2, true),
            new Config<>("output padding past stride", spec(1, 1, 2).dilation(3).outputPadding(1, 2).buildTransposed(), 2, 3, true),
            new Config<>("groups 2", spec(4, 2, 2).groups(2).stride(2).buildTransposed(), 3, 3, true),
            new Config<>("depthwise", spec(3, 3, 3).groups(3).padding(1).buildTransposed(), 3, 3, true),
            new Config<>("dilation asymmetric", spec(2, 2, 2).dilation(2, 1).stride(1, 2).padding(1, 0).buildTransposed(), 3, 4, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conv2dConfigs")
    void conv2dGradients(Config<ConvSpec> c) {
        var rng = new SplittableRandom(7);
        ConvSpec s = c.spec();
        Tensor x = Tensors.randn(rng, c.secondOrder() ? 1 : 2, s.inChannels(), c.h(), c.w());
        Tensor w = Tensors.randn(rng, s.weightShape());
        Tensor b = Tensors.randn(rng, s.outChannels());
        GradCheck.assertGradients(in -> F.conv2d(in[0], in[1], in[2], s.stride(), s.padding(), s.dilation(), s.groups()),
                x, w, b);
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(in -> F.conv2d(in[0], in[1], in[2], s), x, w, b);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convTranspose2dConfigs")
    void convTranspose2dGradients(Config<TransposedConvSpec> c) {
        var rng = new SplittableRandom(8);
        TransposedConvSpec s = c.spec();
        Tensor x = Tensors.randn(rng, c.secondOrder() ? 1 : 2, s.inChannels(), c.h(), c.w());
        Tensor w = Tensors.randn(rng, s.weightShape());
        Tensor b = Tensors.randn(rng, s.outChannels());
        GradCheck.assertGradients(in -> F.convTranspose2d(in[0], in[1], in[2], s.stride(), s.padding(),
                s.outputPadding(), s.groups(), s.dilation()), x, w, b);
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(in -> F.convTranspose2d(in[0], in[1], in[2], s), x, w, b);
        }
    }

    @Test
    void weightGradientOpsAreDifferentiable() {
        var rng = new SplittableRandom(9);
        ConvSpec s = spec(2, 2, 3).stride(2).padding(1).build();
        Tensor x = Tensors.randn(rng, 1, 2, 5, 5);
        Tensor gy = Tensors.randn(rng, 1, 2, 3, 3);
        GradCheck.assertGradients(in -> F.conv2dWeightGrad(in[0], in[1], s), x, gy);
        GradCheck.gradgradcheck(in -> F.conv2dWeightGrad(in[0], in[1], s), x, gy);
        TransposedConvSpec t = spec(2, 2, 2).dilation(3).outputPadding(2).buildTransposed();
        Tensor xt = Tensors.randn(rng, 1, 2, 3, 3);
        Tensor gyt = Tensors.randn(rng, 1, 2, 8, 8);
        GradCheck.assertGradients(in -> F.convTranspose2dWeightGrad(in[0], in[1], t), xt, gyt);
        GradCheck.gradgradcheck(in -> F.convTranspose2dWeightGrad(in[0], in[1], t), xt, gyt);
    }

    @Test
    void convThenTransposedConvChain() {
        var rng = new SplittableRandom(10);
        ConvSpec s = spec(2, 3, 3).stride(2).padding(1).build();
        TransposedConvSpec back = s.transposeOf(5, 5);
        Tensor x = Tensors.randn(rng, 1, 2, 5, 5);
        Tensor w = Tensors.randn(rng, s.weightShape());
        GradCheck.assertGradients(in -> F.convTranspose2d(F.relu(F.conv2d(in[0], in[1], null, s)), in[1], null, back), x, w);
    }

    @Test
    void inputGradientsAreEachOthersOp() {
        var rng = new SplittableRandom(11);
        ConvSpec s = spec(2, 3, 3).stride(2).padding(1).build();
        Tensor x = Tensors.randn(rng, 1, 2, 5, 5).requiresGrad(true);
        Tensor w = Tensors.randn(rng, s.weightShape()).requiresGrad(true);
        Tensor y = F.conv2d(x, w, null, s);
        Tensor gx = Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensors.randn(rng, y.shape())}, new Tensor[] {x},
                BackwardOptions.defaults().withCreateGraph())[0];
        assertEquals("convTranspose2d", gx.opName());
        Tensor z = F.convTranspose2d(x, Tensors.randn(rng, 2, 3, 3, 3).requiresGrad(true), null, 2, 1);
        Tensor gz = Autograd.grad(new Tensor[] {z}, new Tensor[] {Tensors.randn(rng, z.shape())}, new Tensor[] {x},
                BackwardOptions.defaults().withCreateGraph())[0];
        assertEquals("conv2d", gz.opName());
        assertTrue(GraphExport.toDot(gz).contains("conv2d"));
    }

    @Test
    void float32MatchesFloat64() {
        var rng = new SplittableRandom(12);
        ConvSpec s = spec(2, 4, 3).groups(2).padding(1).build();
        Tensor x = Tensors.randn(rng, 2, 2, 6, 6);
        Tensor w = Tensors.randn(rng, s.weightShape());
        Tensor b = Tensors.randn(rng, 4);
        Tensor[] grads64 = gradients(x, w, b, s);
        Tensor[] grads32 = gradients(cast(x), cast(w), cast(b), s);
        for (int i = 0; i < 3; i++) {
            assertEquals(DataType.FLOAT, grads32[i].dataType());
            assertAllClose(grads64[i].data(), grads32[i].data(), 1e-4, 1e-4, "gradient " + i);
        }
    }

    private static Tensor cast(Tensor t) {
        return Tensor.of(t.data().castTo(DataType.FLOAT));
    }

    private static Tensor[] gradients(Tensor x, Tensor w, Tensor b, ConvSpec s) {
        Tensor[] p = {Tensor.of(x.data()).requiresGrad(true), Tensor.of(w.data()).requiresGrad(true),
            Tensor.of(b.data()).requiresGrad(true)};
        Tensor h = F.maxPool2d(F.relu(F.conv2d(p[0], p[1], p[2], s)), 2);
        // The same grouped weight [4, 1, 3, 3] read as a transposed weight maps 4 channels back to 2.
        Tensor up = F.convTranspose2d(F.sigmoid(h), p[1], null, new int[] {2}, new int[] {1}, new int[] {0}, 2,
                new int[] {1});
        F.mseLoss(up, Tensor.of(x.data().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)).dup())).backward();
        return new Tensor[] {p[0].grad(), p[1].grad(), p[2].grad()};
    }
}
