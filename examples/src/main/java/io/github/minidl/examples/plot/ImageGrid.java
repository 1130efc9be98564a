package io.github.minidl.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of grey-scale images written as one PNG, e.g. originals above their reconstructions.
 * Each row is an array [n, 1, H, W] or [n, H, W] with values in [0, 1] (0 black, 1 white; values
 * outside are clipped, NaN drawn red so it cannot pass for a pixel); each image may carry a caption.
 * <pre>
 * new ImageGrid().scale(3).row(originals).row(reconstructions).writePng(dir.resolve("reconstructions.png"));
 * </pre>
 */
public final class ImageGrid {
    private static final int GAP = 4;
    private static final int CAPTION_HEIGHT = 16;

    private final List<float[][][]> rows = new ArrayList<>();
    private final List<List<String>> captions = new ArrayList<>();
    private int scale = 2;
    private String title;

    /** An empty grid; pixels drawn 2×2 by default. */
    public ImageGrid() {
        Png.ensureHeadless();
    }

    /** Draws each pixel as a scale×scale square (1 to 16); returns this grid. */
    public ImageGrid scale(int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("scale=" + scale + " must lie in [1, 16]");
        }
        this.scale = scale;
        return this;
    }

    /** A title above the grid; returns this grid. */
    public ImageGrid title(String title) {
        this.title = title;
        return this;
    }

    /** Adds a row of images without captions; returns this grid. */
    public ImageGrid row(INDArray images) {
        return row(images, List.of());
    }

    /** Adds a row of images, one caption per image (or none); returns this grid. */
    public ImageGrid row(INDArray images, List<String> imageCaptions) {
        float[][][] pixels = toImages(images);
        if (!imageCaptions.isEmpty() && imageCaptions.size() != pixels.length) {
            throw new IllegalArgumentException(String.format(
                    "row %d has %d images but %d captions; give one per image or none",
                    rows.size(), pixels.length, imageCaptions.size()));
        }
        if (!rows.isEmpty() && (rows.get(0)[0].length != pixels[0].length
                || rows.get(0)[0][0].length != pixels[0][0].length)) {
            throw new IllegalArgumentException(String.format(
                    "row %d has images of %dx%d, row 0 of %dx%d; all images must have one size",
                    rows.size(), pixels[0].length, pixels[0][0].length,
                    rows.get(0)[0].length, rows.get(0)[0][0].length));
        }
        rows.add(pixels);
        captions.add(List.copyOf(imageCaptions));
        return this;
    }

    /** Draws the grid and writes it as a PNG; returns the file. */
    public Path writePng(Path file) throws IOException {
        if (rows.isEmpty()) {
            throw new IllegalStateException("image grid has no rows to draw");
        }
        int h = rows.get(0)[0].length * scale;
        int w = rows.get(0)[0][0].length * scale;
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        int top = title == null ? GAP : GAP + 20;
        int rowHeight = h + GAP;
        int[] captionSpace = new int[rows.size()];
        int height = top;
        for (int r = 0; r < rows.size(); r++) {
            captionSpace[r] = captions.get(r).isEmpty() ? 0 : CAPTION_HEIGHT;
            height += rowHeight + captionSpace[r];
        }
        int width = GAP + columns * (w + GAP);
        BufferedImage img = Png.canvas(Math.max(width, title == null ? 1 : 200), height);
        Graphics2D g = Png.graphics(img);
        g.setFont(Png.FONT.deriveFont(10f));
        if (title != null) {
            g.setFont(Png.TITLE_FONT);
            g.drawString(title, GAP, 16);
            g.setFont(Png.FONT.deriveFont(10f));
        }
        int y = top;
        for (int r = 0; r < rows.size(); r++) {
            float[][][] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                int x = GAP + i * (w + GAP);
                draw(img, row[i], x, y);
                if (!captions.get(r).isEmpty()) {
                    g.setColor(Color.BLACK);
                    Png.centred(g, fit(g, captions.get(r).get(i), w + GAP), x + w / 2, y + h + CAPTION_HEIGHT - 4);
                }
            }
            y += rowHeight + captionSpace[r];
        }
        g.dispose();
        return Png.write(img, file);
    }

    private void draw(BufferedImage img, float[][] pixels, int x0, int y0) {
        for (int r = 0; r < pixels.length; r++) {
            for (int c = 0; c < pixels[r].length; c++) {
                float v = pixels[r][c];
                int rgb;
                if (Float.isNaN(v)) {
                    rgb = 0xff0000;
                } else {
                    int grey = Math.round(255 * Math.max(0f, Math.min(1f, v)));
                    rgb = grey << 16 | grey << 8 | grey;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static String fit(Graphics2D g, String s, int width) {
        String t = s;
        while (t.length() > 1 && g.getFontMetrics().stringWidth(t) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static float[][][] toImages(INDArray images) {
        long[] shape = images.shape();
        boolean withChannel = shape.length == 4 && shape[1] == 1;
        if (!(withChannel || shape.length == 3) || shape[0] < 1) {
            throw new IllegalArgumentException("images have shape " + Arrays.toString(shape)
                    + "; expected [n, 1, H, W] or [n, H, W] with n >= 1");
        }
        int n = (int) shape[0];
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        float[] flat = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][][] out = new float[n][h][w];
        int k = 0;
        for (float[][] image : out) {
            for (float[] line : image) {
                System.arraycopy(flat, k, line, 0, w);
                k += w;
            }
        }
        return out;
    }
}
