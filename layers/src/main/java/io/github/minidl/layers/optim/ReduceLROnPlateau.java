package io.github.minidl.layers.optim;

import java.util.Objects;

/**
 * Reduces the rate when a metric stops improving, PyTorch's {@code ReduceLROnPlateau}: after more
 * than {@code patience} epochs without improvement the target's rate becomes
 * {@code max(lr·factor, minLr)} (unless that changes it by less than eps), then {@code cooldown}
 * epochs pass before counting again. Unlike the {@link LrSchedule}s it depends on the metrics, so
 * it works on the target's current rate and is called with each epoch's metric.
 *
 * <pre>{@code
 * var plateau = new ReduceLROnPlateau(optimizer, PlateauOptions.min().withPatience(3));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     train(optimizer);
 *     plateau.step(validationLoss());
 * }
 * }</pre>
 */
public final class ReduceLROnPlateau {
    private final HasLearningRate target;
    private final PlateauOptions options;
    private double best;
    private int badEpochs;
    private int cooldownLeft;
    private int epoch;

    /** @param target e.g. an optimiser; its current rate is the starting point */
    public ReduceLROnPlateau(HasLearningRate target, PlateauOptions options) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.best = options.worst();
    }

    /** Ends an epoch whose metric was {@code metric}; may lower the target's rate. */
    public void step(double metric) {
        epoch++;
        if (options.isBetter(metric, best)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > options.patience()) {
            double old = target.learningRate();
            double reduced = Math.max(old * options.factor(), options.minLr());
            if (old - reduced > options.eps()) {
                target.setLearningRate(reduced);
            }
            cooldownLeft = options.cooldown();
            badEpochs = 0;
        }
    }

    /** The best metric so far (±∞ before the first step). */
    public double best() {
        return best;
    }

    /** Epochs without improvement counted so far. */
    public int badEpochs() {
        return badEpochs;
    }

    /** Epochs stepped. */
    public int epoch() {
        return epoch;
    }

    /** The settings. */
    public PlateauOptions options() {
        return options;
    }
}
