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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void rowsOfImagesAreDrawnPixelForPixel() throws IOException {
        INDArray white = Nd4j.ones(DataType.FLOAT, 3, 1, 28, 28);
        INDArray black = Nd4j.zeros(DataType.FLOAT, 2, 28, 28);
        Path file = new ImageGrid().scale(2).row(white).row(black, List.of("a", "b")).writePng(dir.resolve("grid.png"));
        BufferedImage img = ImageIO.read(file.toFile());
        // 3 columns of 56 px with 4 px gaps; rows 56 + 4, the captioned one 16 px taller.
        assertEquals(4 + 3 * 60, img.getWidth());
        assertEquals(4 + 60 + 60 + 16, img.getHeight());
        assertEquals(0xffffff, img.getRGB(4 + 10, 4 + 10) & 0xffffff, "first row white");
        assertEquals(0x000000, img.getRGB(4 + 10, 64 + 10) & 0xffffff, "second row black");
    }

    @Test
    void valuesAreClippedAndNanIsRed() throws IOException {
        INDArray x = Nd4j.createFromArray(new float[] {-1f, 2f, Float.NaN, 0.5f}).reshape(1, 1, 2, 2);
        BufferedImage img = ImageIO.read(new ImageGrid().scale(1).row(x).writePng(dir.resolve("c.png")).toFile());
        assertEquals(0x000000, img.getRGB(4, 4) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(5, 4) & 0xffffff);
        assertEquals(0xff0000, img.getRGB(4, 5) & 0xffffff);
    }

    @Test
    void badShapesAndCaptionsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ImageGrid().row(Nd4j.zeros(4, 3, 8, 8)));
        assertTrue(e.getMessage().contains("[4, 3, 8, 8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid().row(Nd4j.zeros(2, 8, 8), List.of("one")));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageGrid().row(Nd4j.zeros(2, 8, 8)).row(Nd4j.zeros(2, 9, 8)));
    }
}
