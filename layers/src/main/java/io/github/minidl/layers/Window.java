package io.github.minidl.layers;

import io.github.minidl.core.ReceptiveField;

/**
 * How a layer changes the receptive field, for {@link Summary}: a sliding window per axis, a
 * global mixing (every output sees every input), or an effect the arithmetic does not cover.
 */
record Window(Kind kind, ReceptiveField.Layer h, ReceptiveField.Layer w) {
    enum Kind { SLIDING, GLOBAL, UNKNOWN }

    static final Window GLOBAL = new Window(Kind.GLOBAL, null, null);
    static final Window UNKNOWN = new Window(Kind.UNKNOWN, null, null);

    static Window sliding(String name, int[] kernel, int[] stride, int[] dilation, int[] padding) {
        return new Window(Kind.SLIDING, new ReceptiveField.Layer(name, kernel[0], stride[0], dilation[0], padding[0]),
                new ReceptiveField.Layer(name, kernel[1], stride[1], dilation[1], padding[1]));
    }
}
