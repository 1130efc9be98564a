package io.github.minidl.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {
    @TempDir
    Path dir;

    @Test
    void writesThePictureAndKnowsTheAccuracy() throws IOException {
        int[][] counts = {{8, 2, 0}, {1, 9, 0}, {0, 0, 0}};
        ConfusionMatrixPlot plot = ConfusionMatrixPlot.of(counts, List.of("cat", "dog", "bird"));
        assertEquals(17 / 20.0, plot.accuracy(), 1e-15);
        BufferedImage img = ImageIO.read(plot.title("Test").writePng(dir.resolve("confusion.png")).toFile());
        assertTrue(img.getWidth() >= 3 * 48 && img.getHeight() >= 3 * 48);
        assertTrue(Pictures.distinctColours(img) > 5);
    }

    @Test
    void shapeMustMatchTheNames() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.of(new int[][] {{1, 2}, {3, 4}}, List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("3 class names"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.of(new int[][] {{1, -2}, {3, 4}}, List.of("a", "b")));
    }
}
