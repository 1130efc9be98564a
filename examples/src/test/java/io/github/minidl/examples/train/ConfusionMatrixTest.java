package io.github.minidl.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void countsAccuracyRecallAndText() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 2, 0});
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, m.counts());
        assertEquals(6, m.total());
        assertEquals(4.0 / 6, m.accuracy(), 1e-15);
        assertEquals(0.5, m.recall(0), 1e-15);
        assertEquals(2.0 / 3, m.recall(2), 1e-15);
        String text = m.toText(List.of("a", "b", "c"));
        assertTrue(text.contains("2 c") && text.contains("66.7%") && text.contains("accuracy 66.67% of 6"), text);
    }

    @Test
    void rejectsOutOfRangeClassesAndMismatchedLengths() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        var e = assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0, 3}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("truth[1]=3 must lie in [0, 3)"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0}, new int[] {0, 1}));
        assertTrue(f.getMessage().contains("1 true labels but 2 predictions"), f.getMessage());
        assertEquals(0, m.total());
    }
}
