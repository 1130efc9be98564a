package io.github.minidl.examples.train;

import java.util.Locale;

/**
 * The one check every training loop makes: a training loss is finite before its step is applied,
 * and an evaluation loss is finite before the epoch is kept (a finite loss can still come with a
 * step that blows the weights up, which only the next evaluation shows).
 */
public final class DivergenceGuard {
    private DivergenceGuard() {
    }

    /**
     * Returns {@code loss} when it is finite.
     *
     * @param what the quantity, e.g. "loss" or "test MSE"
     * @param when where the run stands, e.g. "at epoch 2, step 17"
     * @throws DivergenceException saying what, when, the learning rate and the remedy
     */
    public static double check(double loss, String what, String when, double learningRate) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(String.format(Locale.ROOT,
                    "the %s became %s %s (learning rate %s); training stopped, the weights of that step are not "
                            + "kept. Try a smaller --lr", what, loss, when, learningRate));
        }
        return loss;
    }
}
