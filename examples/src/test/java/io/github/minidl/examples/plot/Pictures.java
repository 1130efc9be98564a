package io.github.minidl.examples.plot;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks on written pictures, shared by the plot and command tests. */
public final class Pictures {
    private Pictures() {
    }

    /** Colours on a 3-pixel grid: 1 for a blank canvas, many once something is drawn. */
    public static long distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** Decodes {@code file} as a PNG of at least minWidth x minHeight with something drawn on it. */
    public static BufferedImage assertDrawnPng(Path file, int minWidth, int minHeight) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " decodes as a picture");
        assertTrue(img.getWidth() >= minWidth && img.getHeight() >= minHeight,
                file + " is " + img.getWidth() + "x" + img.getHeight() + ", expected at least " + minWidth + "x" + minHeight);
        assertTrue(distinctColours(img) > 5, file + " is not blank");
        return img;
    }
}
