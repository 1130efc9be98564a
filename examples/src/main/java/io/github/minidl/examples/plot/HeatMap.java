package io.github.minidl.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix drawn as coloured cells and written as a PNG: diverging colours symmetric about zero
 * (blue negative, red positive, exact zeros white with grey cell borders, so the sparsity pattern
 * of a convolution matrix C stands out), cells scaled to the matrix size, values written in the
 * cells when they fit, row and column indices, and a colour bar.
 * <pre>
 * HeatMap.of(c).title("C, 9 x 25").axisTitles("output pixel", "input pixel").writePng(dir.resolve("C.png"));
 * </pre>
 */
public final class HeatMap {
    static final Color NEGATIVE = new Color(33, 102, 172);
    static final Color POSITIVE = new Color(178, 24, 43);
    private static final Color GRID = new Color(210, 210, 210);
    // Small non-zero values start this far from white so that they never look like zeros.
    private static final double FLOOR = 0.12;

    private final double[][] values;
    private String title = "";
    private String rowTitle = "row";
    private String columnTitle = "column";

    private HeatMap(double[][] values) {
        Png.ensureHeadless();
        this.values = values;
    }

    /** A heat map of a 2-D array (any dtype), copied. */
    public static HeatMap of(INDArray matrix) {
        if (matrix.rank() != 2 || matrix.size(0) < 1 || matrix.size(1) < 1) {
            throw new IllegalArgumentException("matrix has shape " + Arrays.toString(matrix.shape())
                    + "; a heat map needs a non-empty 2-D array");
        }
        return new HeatMap(matrix.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** A heat map of a rectangular double[rows][cols], copied. */
    public static HeatMap of(double[][] matrix) {
        if (matrix.length == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("a heat map needs at least one row and one column");
        }
        double[][] copy = new double[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            if (matrix[r].length != matrix[0].length) {
                throw new IllegalArgumentException(String.format(
                        "row %d has %d values, row 0 has %d; the matrix must be rectangular",
                        r, matrix[r].length, matrix[0].length));
            }
            copy[r] = matrix[r].clone();
        }
        return new HeatMap(copy);
    }

    /** The title drawn above the matrix; returns this map. */
    public HeatMap title(String title) {
        this.title = title;
        return this;
    }

    /** What rows and columns stand for, drawn beside the indices; returns this map. */
    public HeatMap axisTitles(String rows, String columns) {
        this.rowTitle = rows;
        this.columnTitle = columns;
        return this;
    }

    /** Side of one cell in pixels: large for small matrices, at least 2 for large ones. */
    int cellSize() {
        int longest = Math.max(values.length, values[0].length);
        return Math.max(2, Math.min(48, 900 / longest));
    }

    /** Draws the map and writes it as a PNG; returns the file. */
    public Path writePng(Path file) throws IOException {
        int rows = values.length;
        int cols = values[0].length;
        int cell = cellSize();
        int left = 56;
        int top = 56;
        int gridW = cols * cell;
        int gridH = rows * cell;
        int width = Math.max(left + gridW + 20, 360);
        int height = top + gridH + 70;
        double scale = maxAbs();

        BufferedImage img = Png.canvas(width, height);
        Graphics2D g = Png.graphics(img);
        g.setFont(Png.TITLE_FONT);
        g.drawString(title, 8, 18);
        g.setFont(Png.FONT.deriveFont(10f));
        g.drawString(columnTitle + " ->", left, 36);
        drawRowTitle(g, left, top, gridH);

        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Color colour = colour(values[r][c], scale);
                g.setColor(colour);
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                if (cell >= 6) {
                    g.setColor(GRID);
                    g.drawRect(left + c * cell, top + r * cell, cell, cell);
                }
                if (cell >= 26 && values[r][c] != 0) {
                    g.setColor(Png.textOn(colour));
                    Png.centred(g, format(values[r][c]), left + c * cell + cell / 2, top + r * cell + cell / 2 + 4);
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, gridW, gridH);
        drawIndices(g, left, top, cell, rows, cols);
        drawColourBar(g, left, top + gridH + 30, scale);
        g.dispose();
        return Png.write(img, file);
    }

    private double maxAbs() {
        double m = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m == 0 ? 1 : m;
    }

    /** Diverging colour: white at 0, blue for negative, red for positive, grey-black for NaN/Inf. */
    static Color colour(double v, double scale) {
        if (!Double.isFinite(v)) {
            return Color.DARK_GRAY;
        }
        if (v == 0) {
            return Color.WHITE;
        }
        double t = FLOOR + (1 - FLOOR) * Math.min(1, Math.abs(v) / scale);
        return Png.mix(Color.WHITE, v < 0 ? NEGATIVE : POSITIVE, t);
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format("%.2g", v);
    }

    private void drawRowTitle(Graphics2D g, int left, int top, int gridH) {
        Graphics2D r = (Graphics2D) g.create();
        r.translate(12, top + gridH / 2);
        r.rotate(-Math.PI / 2);
        Png.centred(r, rowTitle + " ->", 0, 0);
        r.dispose();
    }

    private static void drawIndices(Graphics2D g, int left, int top, int cell, int rows, int cols) {
        g.setColor(Color.DARK_GRAY);
        int rowStep = step(cell);
        for (int r = 0; r < rows; r += rowStep) {
            Png.rightAligned(g, String.valueOf(r), left - 4, top + r * cell + cell / 2 + 4);
        }
        int colStep = step(cell) * (cell < 20 ? 2 : 1);
        for (int c = 0; c < cols; c += colStep) {
            Png.centred(g, String.valueOf(c), left + c * cell + cell / 2, top - 4);
        }
    }

    private static int step(int cell) {
        if (cell >= 14) {
            return 1;
        }
        return cell >= 6 ? 5 : 10 * (int) Math.ceil(6.0 / cell);
    }

    private static void drawColourBar(Graphics2D g, int x, int y, double scale) {
        int w = 240;
        for (int i = 0; i < w; i++) {
            double v = (2.0 * i / (w - 1) - 1) * scale;
            g.setColor(colour(i == w / 2 ? 0 : v, scale));
            g.fillRect(x + i, y, 1, 12);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, w, 12);
        Png.centred(g, format(-scale), x, y + 26);
        Png.centred(g, "0", x + w / 2, y + 26);
        Png.centred(g, format(scale), x + w, y + 26);
    }
}
