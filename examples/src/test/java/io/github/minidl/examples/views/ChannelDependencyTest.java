package io.github.minidl.examples.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.layers.ChannelShuffle;
import io.github.minidl.testing.RandomArrays;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class ChannelDependencyTest {
    private final SplittableRandom rng = new SplittableRandom(5);
    private final INDArray x = RandomArrays.randn(rng, DataType.DOUBLE, 2, 4, 5, 5);

    @TempDir
    Path dir;

    @Test
    void fourInputsTwoOutputsGroupsTwoSeeHalfTheInputs() {
        INDArray map = ChannelDependency.map(conv(4, 2, 2), x);
        assertArrayEquals(new double[][] {{1, 1, 0, 0}, {0, 0, 1, 1}}, map.toDoubleMatrix());
    }

    @Test
    void ungroupedConvolutionSeesEverything() {
        INDArray map = ChannelDependency.map(conv(4, 2, 1), x);
        assertArrayEquals(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}}, map.toDoubleMatrix());
    }

    @Test
    void depthwiseConvolutionIsDiagonalWithDepthMultiplier() {
        INDArray map = ChannelDependency.map(conv(4, 8, 4), x);
        assertEquals(ChannelDependency.grouped(4, 8, 4), map);
        assertEquals(1.0, map.getDouble(1, 0));
        assertEquals(0.0, map.getDouble(2, 0));
    }

    @Test
    void groupsStayApartUntilAChannelShuffle() {
        UnaryOperator<Tensor> first = conv(4, 4, 2);
        UnaryOperator<Tensor> second = conv(4, 4, 2);
        INDArray plain = ChannelDependency.map(t -> second.apply(first.apply(t)), x);
        assertArrayEquals(new double[][] {{1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}, {0, 0, 1, 1}},
                plain.toDoubleMatrix());
        INDArray shuffled = ChannelDependency.map(
                t -> second.apply(new ChannelShuffle(2).forward(first.apply(t))), x);
        for (double[] row : shuffled.toDoubleMatrix()) {
            assertArrayEquals(new double[] {1, 1, 1, 1}, row);
        }
    }

    @Test
    void channelShuffleIsTheInterleavingPermutation() {
        INDArray map = ChannelDependency.map(new ChannelShuffle(2)::forward, x);
        // y[:, k*g + i] = x[:, i*(C/g) + k]: output order 0, 2, 1, 3.
        assertArrayEquals(new double[][] {{1, 0, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}}, map.toDoubleMatrix());
    }

    @Test
    void sectionPrintsTheMapsAndDrawsThem() throws IOException {
        StringWriter text = new StringWriter();
        Walkthrough w = new Walkthrough(new PrintWriter(text), dir, 2);
        List<Check> checks = w.run(List.of(new ChannelDependencySection()));
        assertEquals(4, checks.size(), checks.toString());
        assertTrue(checks.stream().allMatch(Check::passed), checks.toString());
        String out = text.toString();
        assertTrue(out.contains("4 -> 2, groups 2: output 0 sees inputs 0-1, output 1 sees inputs 2-3  [2 x 4]\n"
                + "    1 1 . .\n    . . 1 1"), out);
        for (String name : List.of("dependency_groups2.png", "dependency_no_shuffle.png", "dependency_shuffle.png")) {
            assertNotNull(ImageIO.read(dir.resolve(name).toFile()), name);
        }
    }

    @Test
    void badShapesAndGroupsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ChannelDependency.grouped(4, 3, 2));
        assertTrue(e.getMessage().contains("outChannels=3"), e.getMessage());
    }

    private UnaryOperator<Tensor> conv(int in, int out, int groups) {
        ConvSpec s = ConvSpec.builder(in, out, 3).padding(1).groups(groups).build();
        // |w| + 0.1: positive weights, so no dependency cancels by chance.
        Tensor w = Tensor.of(Transforms.abs(RandomArrays.randn(rng, DataType.DOUBLE, s.weightShape())).addi(0.1));
        return t -> F.conv2d(t, w, null, s);
    }
}
