package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import java.util.Locale;

/** Null checks and descriptions shared by the losses. */
final class LossArguments {
    private LossArguments() {
    }

    static void notNull(Object input, Object target) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
    }

    /** {@code reduction=mean[, weight][, ignore_index=k]} for toString. */
    static String describe(ClassLossOptions o) {
        return "reduction=" + o.reduction().name().toLowerCase(Locale.ROOT) + (o.weight() != null ? ", weight" : "")
                + (o.ignoreIndex() != ClassLossOptions.DEFAULT_IGNORE_INDEX ? ", ignore_index=" + o.ignoreIndex() : "");
    }
}
