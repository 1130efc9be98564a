package io.github.minidl.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A confusion matrix written as a PNG: row = true class, column = predicted class, each cell
 * showing its count and shaded by its share of the row (the recall of the class on the diagonal),
 * so a weak class shows up as a pale diagonal cell whatever its size.
 * <pre>
 * ConfusionMatrixPlot.of(counts, FashionMnist.CLASS_NAMES).title("Test set").writePng(dir.resolve("confusion.png"));
 * </pre>
 */
public final class ConfusionMatrixPlot {
    private static final Color FULL = new Color(8, 69, 148);
    private static final int CELL = 48;

    private final int[][] counts;
    private final List<String> classNames;
    private String title = "Confusion matrix";

    private ConfusionMatrixPlot(int[][] counts, List<String> classNames) {
        Png.ensureHeadless();
        this.counts = counts;
        this.classNames = classNames;
    }

    /**
     * A plot of counts[true][predicted] (square, non-negative), one name per class; copied.
     */
    public static ConfusionMatrixPlot of(int[][] counts, List<String> classNames) {
        int n = classNames.size();
        if (n < 1 || counts.length != n) {
            throw new IllegalArgumentException(String.format(
                    "counts has %d rows but there are %d class names; they must match", counts.length, n));
        }
        int[][] copy = new int[n][];
        for (int r = 0; r < n; r++) {
            if (counts[r].length != n) {
                throw new IllegalArgumentException(String.format(
                        "counts row %d has %d columns; a confusion matrix of %d classes is %dx%d",
                        r, counts[r].length, n, n, n));
            }
            for (int c = 0; c < n; c++) {
                if (counts[r][c] < 0) {
                    throw new IllegalArgumentException(String.format(
                            "counts[%d][%d]=%d must be non-negative", r, c, counts[r][c]));
                }
            }
            copy[r] = counts[r].clone();
        }
        return new ConfusionMatrixPlot(copy, List.copyOf(classNames));
    }

    /** The title; the overall accuracy is appended. Returns this plot. */
    public ConfusionMatrixPlot title(String title) {
        this.title = title;
        return this;
    }

    /** Fraction of all items on the diagonal; NaN when there are none. */
    public double accuracy() {
        long total = 0;
        long right = 0;
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts.length; c++) {
                total += counts[r][c];
                right += r == c ? counts[r][c] : 0;
            }
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** Draws the plot and writes it as a PNG; returns the file. */
    public Path writePng(Path file) throws IOException {
        int n = counts.length;
        BufferedImage probe = Png.canvas(1, 1);
        Graphics2D m = Png.graphics(probe);
        int labelWidth = classNames.stream().mapToInt(s -> m.getFontMetrics().stringWidth(s)).max().orElse(0);
        m.dispose();
        int left = labelWidth + 40;
        int top = labelWidth + 50;
        int width = Math.max(left + n * CELL + 20, 320);
        int height = top + n * CELL + 40;
        BufferedImage img = Png.canvas(width, height);
        Graphics2D g = Png.graphics(img);
        g.setFont(Png.TITLE_FONT);
        g.drawString(String.format("%s (accuracy %.2f%%)", title, 100 * accuracy()), 8, 18);
        g.setFont(Png.FONT);
        for (int r = 0; r < n; r++) {
            long rowTotal = 0;
            for (int c = 0; c < n; c++) {
                rowTotal += counts[r][c];
            }
            for (int c = 0; c < n; c++) {
                double share = rowTotal == 0 ? 0 : (double) counts[r][c] / rowTotal;
                Color colour = Png.mix(Color.WHITE, FULL, Math.sqrt(share));
                g.setColor(colour);
                g.fillRect(left + c * CELL, top + r * CELL, CELL, CELL);
                g.setColor(new Color(220, 220, 220));
                g.drawRect(left + c * CELL, top + r * CELL, CELL, CELL);
                g.setColor(Png.textOn(colour));
                Png.centred(g, String.valueOf(counts[r][c]), left + c * CELL + CELL / 2, top + r * CELL + CELL / 2 + 5);
            }
            g.setColor(Color.BLACK);
            Png.rightAligned(g, classNames.get(r), left - 6, top + r * CELL + CELL / 2 + 5);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, n * CELL, n * CELL);
        for (int c = 0; c < n; c++) {
            Graphics2D v = (Graphics2D) g.create();
            v.translate(left + c * CELL + CELL / 2 + 5, top - 6);
            v.rotate(-Math.PI / 2);
            v.setColor(Color.BLACK);
            v.drawString(classNames.get(c), 0, 0);
            v.dispose();
        }
        g.drawString("predicted ->", left, top + n * CELL + 24);
        Graphics2D t = (Graphics2D) g.create();
        t.translate(14, top + n * CELL / 2);
        t.rotate(-Math.PI / 2);
        Png.centred(t, "true class ->", 0, 0);
        t.dispose();
        g.dispose();
        return Png.write(img, file);
    }
}
