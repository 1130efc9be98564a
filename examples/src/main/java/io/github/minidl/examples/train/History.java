package io.github.minidl.examples.train;

import io.github.minidl.layers.checkpoint.MetadataValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The numbers of a run: per epoch the training loss and accuracy, test loss and accuracy and
 * epoch time; per optimiser step the training loss. Stored in checkpoints (as exact decimal
 * strings) so a resumed run draws the whole curve.
 */
public final class History {
    private static final String PREFIX = "history.";
    private static final String[] KEYS = {"trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds"};

    private static final String STEP_LOSS = PREFIX + "stepLoss";

    private final List<double[]> epochs = new ArrayList<>();
    private final List<Double> stepLosses = new ArrayList<>();

    /** Appends the loss of one optimiser step. */
    public void addStep(double loss) {
        stepLosses.add(loss);
    }

    /** The training loss of every step so far, in order. */
    public double[] stepLoss() {
        return stepLosses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Appends one epoch. */
    public void add(EpochResult r) {
        epochs.add(new double[] {r.trainLoss(), r.trainAccuracy(), r.test().loss(), r.test().accuracy(), r.seconds()});
    }

    /** Number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /** Mean training loss per epoch. */
    public double[] trainLoss() {
        return column(0);
    }

    /** Training accuracy per epoch (fraction). */
    public double[] trainAccuracy() {
        return column(1);
    }

    /** Test loss per epoch. */
    public double[] testLoss() {
        return column(2);
    }

    /** Test accuracy per epoch (fraction). */
    public double[] testAccuracy() {
        return column(3);
    }

    /** Training seconds per epoch. */
    public double[] seconds() {
        return column(4);
    }

    private double[] column(int k) {
        return epochs.stream().mapToDouble(e -> e[k]).toArray();
    }

    /** The numbers as checkpoint metadata, one comma-separated list per quantity. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < KEYS.length; k++) {
            StringBuilder sb = new StringBuilder();
            for (double[] e : epochs) {
                sb.append(sb.length() == 0 ? "" : ",").append(Double.toString(e[k]));
            }
            m.put(PREFIX + KEYS[k], sb.toString());
        }
        m.put(STEP_LOSS, stepLosses.stream().map(d -> Double.toString(d)).collect(Collectors.joining(",")));
        return m;
    }

    /** Reads what {@link #toMetadata()} wrote; an absent history is empty. */
    public static History fromMetadata(Map<String, String> metadata) {
        History h = new History();
        double[][] columns = new double[KEYS.length][];
        for (int k = 0; k < KEYS.length; k++) {
            columns[k] = MetadataValues.finiteDoubles(metadata, PREFIX + KEYS[k]);
            if (columns[k].length != columns[0].length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "checkpoint metadata %s has %d epochs but %s has %d", PREFIX + KEYS[k], columns[k].length,
                        PREFIX + KEYS[0], columns[0].length));
            }
        }
        for (int e = 0; e < columns[0].length; e++) {
            double[] row = new double[KEYS.length];
            for (int k = 0; k < KEYS.length; k++) {
                row[k] = columns[k][e];
            }
            h.epochs.add(row);
        }
        for (double v : MetadataValues.finiteDoubles(metadata, STEP_LOSS)) {
            h.stepLosses.add(v);
        }
        return h;
    }

    /** The table as CSV: epoch, train_loss, train_accuracy, test_loss, test_accuracy, seconds. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n");
        for (int e = 0; e < epochs.size(); e++) {
            double[] r = epochs.get(e);
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.2f%n", e + 1, r[0], r[1], r[2], r[3], r[4]));
        }
        return sb.toString();
    }
}
