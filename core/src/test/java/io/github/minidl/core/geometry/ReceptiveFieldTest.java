package io.github.minidl.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.minidl.core.geometry.ReceptiveField.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    @Test
    void twoStacked3x3SeeLikeOne5x5() {
        assertEquals(5, ReceptiveField.size(List.of(Layer.of("a", 3, 1, 1), Layer.of("b", 3, 1, 1))));
        assertEquals(5, ReceptiveField.size(List.of(Layer.of("a", 5, 1, 1))));
        assertEquals(7, ReceptiveField.size(List.of(Layer.of("a", 3, 1, 1), Layer.of("b", 3, 1, 1), Layer.of("c", 3, 1, 1))));
    }

    @Test
    void dilation2On3x3SeesLike5x5() {
        assertEquals(5, ReceptiveField.size(List.of(Layer.of("d", 3, 1, 2))));
        // Dilations 1, 2, 4 grow the field exponentially: 3, 7, 15.
        var steps = ReceptiveField.of(List.of(Layer.of("a", 3, 1, 1), Layer.of("b", 3, 1, 2), Layer.of("c", 3, 1, 4)));
        assertEquals(List.of(3, 7, 15), steps.stream().map(ReceptiveField.Step::size).toList());
    }

    @Test
    void strideMultipliesTheJump() {
        var steps = ReceptiveField.of(List.of(new Layer("conv", 3, 1, 1, 1), new Layer("pool", 2, 2, 1, 0),
                new Layer("conv", 3, 1, 1, 1), new Layer("pool", 2, 2, 1, 0)));
        assertEquals(List.of(3, 4, 8, 10), steps.stream().map(ReceptiveField.Step::size).toList());
        assertEquals(List.of(1, 2, 2, 4), steps.stream().map(ReceptiveField.Step::jump).toList());
        // The first output of a same-padded 3x3 is centred on input pixel 0.
        assertEquals(0.5, steps.get(0).start(), 1e-12);
        assertEquals(1.0, steps.get(1).start(), 1e-12);
    }

    @Test
    void invalidLayerIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Layer.of("bad", 0, 1, 1));
    }
}
