package io.github.minidl.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path file = new LineChart("Loss", "epoch", "loss")
                .series("train", new double[] {2.3, 1.1, 0.7, 0.5})
                .series("test", new double[] {1, 2, 3, 4}, new double[] {2.0, 1.2, 0.9, -0.1})
                .size(640, 400)
                .writePng(dir.resolve("loss.png"));
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(Pictures.distinctColours(img) > 5, "something was drawn");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void nonFinitePointsAreLeftOut() throws IOException {
        Path file = new LineChart("Diverged", "step", "loss")
                .series("train", new double[] {1.0, Double.NaN, Double.POSITIVE_INFINITY, 0.5})
                .writePng(dir.resolve("nan.png"));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void mismatchedSeriesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("s", new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("series s"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y").writePng(dir.resolve("e.png")));
    }
}
