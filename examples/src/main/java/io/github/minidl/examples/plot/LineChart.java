package io.github.minidl.examples.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of one or more series (loss or accuracy per epoch or step) written as a PNG with
 * XChart. Axes are linear: a log axis would fail on the zero and negative values a loss or a
 * difference can take. Non-finite points (a diverged loss) are left out of their series.
 * <pre>
 * new LineChart("Loss", "epoch", "loss").series("train", epochs, trainLoss).series("test", epochs, testLoss)
 *         .writePng(dir.resolve("loss.png"));
 * </pre>
 */
public final class LineChart {
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private int width = 800;
    private int height = 500;

    /** One named series of (x, y) points. */
    public record Series(String name, double[] x, double[] y) {
        /** Checks that x and y have the same positive length. */
        public Series {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("series name must not be blank");
            }
            if (x == null || y == null || x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException(String.format(
                        "series %s: x has %s points and y %s; they must be equal and positive", name,
                        x == null ? "no" : String.valueOf(x.length), y == null ? "no" : String.valueOf(y.length)));
            }
        }
    }

    /** An empty chart with a title and axis titles. */
    public LineChart(String title, String xTitle, String yTitle) {
        Png.ensureHeadless();
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /** Adds a series; returns this chart. */
    public LineChart series(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a series with x = 1, 2, ..., n (epochs); returns this chart. */
    public LineChart series(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** Sets the picture size in pixels (default 800×500); returns this chart. */
    public LineChart size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException(String.format(
                    "chart size %dx%d must be at least 100x100", width, height));
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Draws the chart and writes it as a PNG; returns the file. */
    public Path writePng(Path file) throws IOException {
        if (series.isEmpty()) {
            throw new IllegalStateException("chart " + title + " has no series to draw");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendVisible(series.size() > 1);
        chart.getStyler().setAntiAlias(true);
        boolean anyPoint = false;
        for (Series s : series) {
            double[][] finite = finitePoints(s);
            if (finite[0].length == 0) {
                continue;
            }
            anyPoint = true;
            XYSeries drawn = chart.addSeries(s.name(), finite[0], finite[1]);
            drawn.setMarker(finite[0].length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (!anyPoint) {
            throw new IllegalArgumentException("chart " + title + ": no series has a finite point to draw");
        }
        return Png.write(BitmapEncoder.getBufferedImage(chart), file);
    }

    private static double[][] finitePoints(Series s) {
        int n = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                n++;
            }
        }
        double[][] xy = new double[2][n];
        int j = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                xy[0][j] = s.x()[i];
                xy[1][j++] = s.y()[i];
            }
        }
        return xy;
    }
}
