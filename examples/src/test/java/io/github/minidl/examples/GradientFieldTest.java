package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.ReceptiveField;
import io.github.minidl.core.geometry.ReceptiveField.Layer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradientFieldTest {
    static Stream<List<Layer>> stacks() {
        return Stream.concat(ReceptiveFieldCommand.measuredStacks(List.of(new Layer("3p1", 3, 1, 1, 1))).stream(),
                Stream.of(List.of(new Layer("3p1", 3, 1, 1, 1), new Layer("2s2", 2, 2, 1, 0),
                                new Layer("3d2p2", 3, 1, 2, 2), new Layer("3s2", 3, 2, 1, 0)),
                        List.of(Layer.of("7", 7, 3, 1), Layer.of("3d3", 3, 1, 3))));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void nonZeroGradientSpansThePredictedField(List<Layer> layers) {
        GradientField f = GradientField.of(layers);
        int predicted = ReceptiveField.size(layers);
        assertEquals(predicted, f.height(), "rows of the gradient box");
        assertEquals(predicted, f.width(), "columns of the gradient box");
        assertEquals(predicted, f.crop().size(0));
    }

    @Test
    void twoThreeByThreeCountPathsLikeAFiveByFiveTent() {
        GradientField f = GradientField.of(List.of(Layer.of("3", 3, 1, 1), Layer.of("3", 3, 1, 1)));
        double[][] expected = {{1, 2, 3, 2, 1}, {2, 4, 6, 4, 2}, {3, 6, 9, 6, 3}, {2, 4, 6, 4, 2}, {1, 2, 3, 2, 1}};
        assertTrue(java.util.Arrays.deepEquals(expected, f.crop().toDoubleMatrix()));
        assertEquals(1.0, f.normalised().maxNumber().doubleValue());
    }

    @Test
    void dilatedKernelLeavesHoles() {
        double[][] crop = GradientField.of(List.of(Layer.of("3d2", 3, 1, 2))).crop().toDoubleMatrix();
        assertEquals(5, crop.length);
        assertEquals(1.0, crop[0][0]);
        assertEquals(0.0, crop[0][1]);
        assertEquals(0.0, crop[1][1]);
    }

    @Test
    void tooSmallInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> GradientField.of(List.of(Layer.of("5x5", 5, 1, 1)), 4));
        assertTrue(e.getMessage().contains("layer 5x5 needs at least 5 input pixels"), e.getMessage());
    }
}
