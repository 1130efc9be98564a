package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SAME padding's amounts, computed without int overflow. */
class PaddingTest {
    @Test
    void sameFollowsTheCeilRule() {
        assertArrayEquals(new int[] {1, 1}, Padding.SAME.amounts(0, 5, 3, 1, 1));
        assertArrayEquals(new int[] {0, 1}, Padding.SAME.amounts(0, 6, 3, 2, 1));
        assertArrayEquals(new int[] {2, 2}, Padding.SAME.amounts(0, 5, 3, 1, 2));
    }

    @Test
    void sameWithAHugeDilationIsExactOrRefused() {
        // Total d·(k − 1) = 2^31 with stride 1: 2^30 on each side (it wrapped to 0 before).
        assertArrayEquals(new int[] {1 << 30, 1 << 30}, Padding.SAME.amounts(0, 4, 3, 1, 1 << 30));
        var e = assertThrows(IllegalArgumentException.class, () -> Padding.SAME.amounts(0, 4, 5, 1, 1 << 30));
        assertTrue(e.getMessage().contains("needs 4294967296 padding") && e.getMessage().contains("dilation=1073741824"),
                e.getMessage());
    }
}
