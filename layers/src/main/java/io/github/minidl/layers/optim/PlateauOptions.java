package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;

/**
 * Settings of {@link ReduceLROnPlateau}, PyTorch's names and defaults (factor 0.1, patience 10,
 * relative threshold 1e-4, cooldown 0, minLr 0, eps 1e-8). Build with
 * {@code PlateauOptions.min().withFactor(0.5).withPatience(2)} for a loss, {@code max()} for an accuracy.
 *
 * @param maximize mode {@code max}: the metric should rise; else {@code min}
 * @param factor the rate is multiplied by it at a plateau, in [0, 1)
 * @param patience epochs without improvement before reducing, non-negative
 * @param threshold the least improvement that counts, finite, non-negative
 * @param absolute the threshold is absolute (PyTorch's {@code abs}), else relative ({@code rel})
 * @param cooldown epochs to pause after a reduction, non-negative
 * @param minLr the rate is never reduced below it, finite, non-negative
 * @param eps reductions smaller than it are skipped, finite, non-negative
 */
public record PlateauOptions(boolean maximize, double factor, int patience, double threshold, boolean absolute,
                             int cooldown, double minLr, double eps) {
    /** Checks the ranges. */
    public PlateauOptions {
        RangeChecks.inClosedOpen("factor", factor, 0, 1);
        RangeChecks.nonNegative("patience", patience);
        RangeChecks.finiteNonNegative("threshold", threshold);
        RangeChecks.nonNegative("cooldown", cooldown);
        RangeChecks.finiteNonNegative("minLr", minLr);
        RangeChecks.finiteNonNegative("eps", eps);
    }

    /** Mode {@code min}: the metric should fall (a loss). */
    public static PlateauOptions min() {
        return new PlateauOptions(false, 0.1, 10, 1e-4, false, 0, 0, 1e-8);
    }

    /** Mode {@code max}: the metric should rise (an accuracy). */
    public static PlateauOptions max() {
        return new PlateauOptions(true, 0.1, 10, 1e-4, false, 0, 0, 1e-8);
    }

    /** These settings with the rate multiplied by {@code f} at a plateau, in [0, 1). */
    public PlateauOptions withFactor(double f) {
        return new PlateauOptions(maximize, f, patience, threshold, absolute, cooldown, minLr, eps);
    }

    /** These settings waiting {@code epochs} epochs without improvement before reducing. */
    public PlateauOptions withPatience(int epochs) {
        return new PlateauOptions(maximize, factor, epochs, threshold, absolute, cooldown, minLr, eps);
    }

    /** These settings counting an improvement only beyond best·(1 ∓ t) (PyTorch's {@code rel}). */
    public PlateauOptions withRelativeThreshold(double t) {
        return new PlateauOptions(maximize, factor, patience, t, false, cooldown, minLr, eps);
    }

    /** These settings counting an improvement only beyond best ∓ t (PyTorch's {@code abs}). */
    public PlateauOptions withAbsoluteThreshold(double t) {
        return new PlateauOptions(maximize, factor, patience, t, true, cooldown, minLr, eps);
    }

    /** These settings pausing {@code epochs} epochs after a reduction. */
    public PlateauOptions withCooldown(int epochs) {
        return new PlateauOptions(maximize, factor, patience, threshold, absolute, epochs, minLr, eps);
    }

    /** These settings never reducing below {@code lr}. */
    public PlateauOptions withMinLr(double lr) {
        return new PlateauOptions(maximize, factor, patience, threshold, absolute, cooldown, lr, eps);
    }

    /** These settings ignoring reductions smaller than {@code e}. */
    public PlateauOptions withEps(double e) {
        return new PlateauOptions(maximize, factor, patience, threshold, absolute, cooldown, minLr, e);
    }

    /** Whether {@code a} improves on {@code best} (PyTorch's is_better; a NaN never does). */
    boolean isBetter(double a, double best) {
        if (maximize) {
            return absolute ? a > best + threshold : a > best * (threshold + 1);
        }
        return absolute ? a < best - threshold : a < best * (1 - threshold);
    }

    /** The starting best: +∞ for min, −∞ for max. */
    double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "PlateauOptions(mode=" + (maximize ? "max" : "min") + ", factor=" + factor + ", patience=" + patience
                + ", threshold=" + threshold + ", threshold_mode=" + (absolute ? "abs" : "rel") + ", cooldown="
                + cooldown + ", min_lr=" + minLr + ", eps=" + eps + ")";
    }
}
