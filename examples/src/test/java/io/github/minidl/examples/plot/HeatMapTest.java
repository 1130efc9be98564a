package io.github.minidl.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class HeatMapTest {
    @TempDir
    Path dir;

    @Test
    void zeroIsWhiteAndSignsHaveTheirColours() {
        assertEquals(Color.WHITE, HeatMap.colour(0, 2));
        assertEquals(HeatMap.NEGATIVE, HeatMap.colour(-2, 2));
        assertEquals(HeatMap.POSITIVE, HeatMap.colour(2, 2));
        assertNotEquals(Color.WHITE, HeatMap.colour(1e-9, 2), "a tiny non-zero is not drawn as zero");
    }

    @Test
    void cellsScaleWithTheMatrix() throws IOException {
        HeatMap small = HeatMap.of(Nd4j.create(new double[][] {{1, 0, -1}, {0, 2, 0}}));
        assertEquals(48, small.cellSize());
        HeatMap large = HeatMap.of(new double[100][300]);
        assertEquals(3, large.cellSize());
        BufferedImage img = ImageIO.read(small.title("t").writePng(dir.resolve("h.png")).toFile());
        // Cell (0, 0) holds +1 of max 2: a red shade at the cell's corner (away from the text).
        int rgb = img.getRGB(56 + 3, 56 + 3);
        Color c = new Color(rgb);
        assertTrue(c.getRed() > c.getBlue(), "positive is red: " + c);
        Color zero = new Color(img.getRGB(56 + 48 + 10, 56 + 10));
        assertEquals(Color.WHITE, zero, "zero cell is white");
    }

    @Test
    void raggedOrEmptyMatricesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> HeatMap.of(Nd4j.zeros(2, 2, 2)));
    }
}
