package io.github.minidl.layers;

import java.util.Arrays;

/**
 * One traced layer call of a {@link Summary}.
 *
 * @param name dotted module name ({@code features.0}), "" for the model itself
 * @param type the class with its geometry, e.g. {@code Conv2d 3x3 s2 same(t0 b1 l0 r1)}
 * @param outputShape the output, batch included
 * @param parameters the layer's own trainable parameter count
 * @param macs multiply-accumulates of the call (the whole batch)
 * @param receptiveField the receptive field at this depth, e.g. {@code 5x5}, {@code global}, or {@code -}
 */
public record SummaryRow(String name, String type, long[] outputShape, long parameters, long macs,
                         String receptiveField) {
    /** Copies the shape. */
    public SummaryRow {
        outputShape = outputShape.clone();
    }

    /** The output shape (a copy). */
    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(outputShape) + " params=" + parameters + " macs=" + macs
                + " rf=" + receptiveField;
    }
}
