package io.github.minidl.examples.train;

import io.github.minidl.examples.CliChoice;
import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.optim.Adam;
import io.github.minidl.layers.optim.AdamOptions;
import io.github.minidl.layers.optim.AdamW;
import io.github.minidl.layers.optim.Optimizer;
import io.github.minidl.layers.optim.SGD;
import io.github.minidl.layers.optim.SgdOptions;
import java.util.List;
import java.util.Locale;

/** The optimisers {@code train} offers, each with the learning rate it works well with on these models. */
public enum OptimizerKind implements CliChoice {
    /** SGD with momentum 0.9 (Nesterov) and weight decay 5e-4. */
    SGD(0.05),
    /** Adam with PyTorch's defaults. */
    ADAM(1e-3),
    /** AdamW with weight decay 0.01 (PyTorch's default). */
    ADAMW(1e-3);

    private final double defaultLearningRate;

    OptimizerKind(double defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    /** The learning rate used when none is given. */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** A new optimiser over {@code parameters} with learning rate {@code lr}. */
    public Optimizer create(List<Parameter> parameters, double lr) {
        return switch (this) {
            case SGD -> new io.github.minidl.layers.optim.SGD(parameters,
                    SgdOptions.lr(lr).withMomentum(0.9).withNesterov().withWeightDecay(5e-4));
            case ADAM -> new Adam(parameters, AdamOptions.lr(lr));
            case ADAMW -> new AdamW(parameters, AdamOptions.adamW(lr));
        };
    }

    /** A one-line description, e.g. {@code adam (lr 0.001)}. */
    public String describe(double lr) {
        String extra = switch (this) {
            case SGD -> ", momentum 0.9 Nesterov, weight decay 5e-4";
            case ADAM -> "";
            case ADAMW -> ", weight decay 0.01";
        };
        return String.format(Locale.ROOT, "%s (lr %s%s)", cliName(), lr, extra);
    }
}
