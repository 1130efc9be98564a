package io.github.minidl.examples.train;

import java.util.List;
import java.util.Locale;

/** Counts of (true class, predicted class) pairs; row = true class, column = prediction. */
public final class ConfusionMatrix {
    private final int[][] counts;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes=" + classes + " must be positive");
        }
        counts = new int[classes][classes];
    }

    /** Counts one pair per index; both arrays hold classes in [0, classes) (nothing is counted otherwise). */
    public void add(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(String.format(
                    "%d true labels but %d predictions; they must match one to one", truth.length, predicted.length));
        }
        for (int i = 0; i < truth.length; i++) {
            checkClass("truth", i, truth[i]);
            checkClass("predicted", i, predicted[i]);
        }
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
    }

    private void checkClass(String what, int index, int label) {
        if (label < 0 || label >= counts.length) {
            throw new IllegalArgumentException(String.format(
                    "%s[%d]=%d must lie in [0, %d)", what, index, label, counts.length));
        }
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** A copy of the counts, [true][predicted]. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            copy[r] = counts[r].clone();
        }
        return copy;
    }

    /** Number of pairs counted. */
    public long total() {
        long n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    /** Fraction of pairs on the diagonal; NaN when empty. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < counts.length; c++) {
            right += counts[c][c];
        }
        long n = total();
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Fraction of class {@code c}'s items predicted as c (the recall); NaN when the class has none. */
    public double recall(int c) {
        long row = 0;
        for (int v : counts[c]) {
            row += v;
        }
        return row == 0 ? Double.NaN : (double) counts[c][c] / row;
    }

    /**
     * The matrix as text: one row per true class with its name, the counts, and the recall, columns
     * numbered by predicted class; the names are listed with their numbers.
     */
    public String toText(List<String> classNames) {
        if (classNames.size() != counts.length) {
            throw new IllegalArgumentException(String.format(
                    "%d class names for a %dx%d matrix", classNames.size(), counts.length, counts.length));
        }
        int nameWidth = classNames.stream().mapToInt(String::length).max().orElse(0) + 4;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "true \\ predicted"));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, "%6d", c));
        }
        sb.append("   recall\n");
        for (int r = 0; r < counts.length; r++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", r + " " + classNames.get(r)));
            for (int c = 0; c < counts.length; c++) {
                sb.append(String.format(Locale.ROOT, "%6d", counts[r][c]));
            }
            sb.append(String.format(Locale.ROOT, "   %5.1f%%%n", 100 * recall(r)));
        }
        sb.append(String.format(Locale.ROOT, "accuracy %.2f%% of %d%n", 100 * accuracy(), total()));
        return sb.toString();
    }
}
