package io.github.minidl.examples.train;

import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.output.OutputFiles;
import io.github.minidl.examples.plot.ConfusionMatrixPlot;
import io.github.minidl.examples.plot.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The files a training run leaves in its output directory: {@code loss.png} and
 * {@code accuracy.png} (training and test curves per epoch), {@code confusion.png} and
 * {@code confusion.txt} (the test set's confusion matrix), {@code history.csv}.
 */
public final class RunPictures {
    /** The file names written, in order. */
    public static final List<String> FILES = List.of("loss.png", "accuracy.png", "confusion.png", "confusion.txt",
            "history.csv");

    private RunPictures() {
    }

    /**
     * Writes every file into {@code dir} (created when needed); returns the paths.
     *
     * @param stepsPerEpoch places the per-step losses on the epoch axis
     */
    public static List<Path> write(Path dir, String title, History history, int stepsPerEpoch,
                                   ConfusionMatrix confusion) throws IOException {
        Files.createDirectories(dir);
        Path loss = dir.resolve(FILES.get(0));
        Path accuracy = dir.resolve(FILES.get(1));
        if (history.size() > 0) {
            LineChart chart = new LineChart("Loss: " + title, "epoch", "cross-entropy");
            double[] steps = history.stepLoss();
            if (steps.length > 1 && stepsPerEpoch > 0) {
                int window = Math.max(1, stepsPerEpoch / 10);
                double[] x = new double[steps.length];
                Arrays.setAll(x, i -> (i + 1.0) / stepsPerEpoch);
                chart.series("train, per step (mean of " + window + ")", x, movingMean(steps, window));
            }
            chart.series("train, epoch mean", history.trainLoss()).series("test", history.testLoss()).writePng(loss);
            new LineChart("Accuracy: " + title, "epoch", "accuracy %")
                    .series("train", percent(history.trainAccuracy()))
                    .series("test", percent(history.testAccuracy())).writePng(accuracy);
        }
        Path picture = ConfusionMatrixPlot.of(confusion.counts(), FashionMnist.CLASS_NAMES)
                .title("Test set: " + title).writePng(dir.resolve(FILES.get(2)));
        Path text = writeText(dir.resolve(FILES.get(3)), confusion.toText(FashionMnist.CLASS_NAMES));
        Path csv = writeText(dir.resolve(FILES.get(4)), history.toCsv());
        return history.size() > 0 ? List.of(loss, accuracy, picture, text, csv) : List.of(picture, text, csv);
    }

    /** Mean of the last {@code window} values (fewer at the start). */
    static double[] movingMean(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= window) {
                sum -= v[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static double[] percent(double[] fractions) {
        return Arrays.stream(fractions).map(f -> 100 * f).toArray();
    }

    private static Path writeText(Path file, String text) throws IOException {
        return OutputFiles.writeAtomically(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
