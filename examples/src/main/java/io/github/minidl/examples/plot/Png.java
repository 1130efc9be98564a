package io.github.minidl.examples.plot;

import io.github.minidl.examples.output.OutputFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Shared drawing and writing: a white canvas, text helpers, and the temp-file-then-rename write. */
final class Png {
    static {
        // Must be set before the first AWT class loads a toolkit.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private Png() {
    }

    /** Loads this class, which switches AWT to headless unless the user chose otherwise. */
    static void ensureHeadless() {
        // The static initialiser does the work.
    }

    /** A white RGB canvas with anti-aliased text. */
    static BufferedImage canvas(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 100_000_000L) {
            throw new IllegalArgumentException(String.format(
                    "picture size %dx%d must be positive and at most 100 megapixels", width, height));
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** A graphics context on img with anti-aliased text in the default font. */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(FONT);
        g.setColor(Color.BLACK);
        return g;
    }

    /** Draws s horizontally centred on cx with its baseline at y. */
    static void centred(Graphics2D g, String s, int cx, int y) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, y);
    }

    /** Draws s right-aligned to x with its baseline at y. */
    static void rightAligned(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s), y);
    }

    /** Writes img as a PNG, atomically ({@link OutputFiles#writeAtomically}). */
    static Path write(BufferedImage img, Path file) throws IOException {
        return OutputFiles.writeAtomically(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
    }

    /** Interpolates between two colours, t in [0, 1]. */
    static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    /** Black or white, whichever reads better on the background c. */
    static Color textOn(Color c) {
        double luminance = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
        return luminance < 140 ? Color.WHITE : Color.BLACK;
    }
}
