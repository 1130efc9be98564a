package io.github.minidl.examples.gradcheck;

import io.github.minidl.layers.Module;
import java.util.function.Supplier;

/**
 * One gradient check: a layer type, its configuration in words, a factory for a fresh module
 * (float32 as built; the checker casts it to float64) and the shape of the random input.
 */
public record LayerCase(String layer, String configuration, Supplier<Module> module, long[] inputShape) {
    public LayerCase {
        inputShape = inputShape.clone();
    }

    /** The input shape (a copy). */
    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}
