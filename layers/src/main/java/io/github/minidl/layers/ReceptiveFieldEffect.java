package io.github.minidl.layers;

import io.github.minidl.core.geometry.ReceptiveField;

/**
 * How a layer changes the receptive field, for {@link Summary}: a sliding window per axis, a
 * global mixing (every output sees every input), or an effect the arithmetic does not cover.
 */
record ReceptiveFieldEffect(Kind kind, ReceptiveField.Layer h, ReceptiveField.Layer w) {
    enum Kind { SLIDING, GLOBAL, UNKNOWN }

    static final ReceptiveFieldEffect GLOBAL = new ReceptiveFieldEffect(Kind.GLOBAL, null, null);
    static final ReceptiveFieldEffect UNKNOWN = new ReceptiveFieldEffect(Kind.UNKNOWN, null, null);

    /**
     * The window of adaptive pooling to {@code outputSize} on input {@code in} (batched or not):
     * global for (1, 1), else the largest bin and the typical step between bins.
     */
    static ReceptiveFieldEffect adaptive(long[] in, int[] outputSize) {
        if (outputSize[0] == 1 && outputSize[1] == 1) {
            return GLOBAL;
        }
        int[] k = new int[2];
        int[] s = new int[2];
        for (int a = 0; a < 2; a++) {
            int n = (int) in[in.length - 2 + a];
            k[a] = (n + outputSize[a] - 1) / outputSize[a];
            s[a] = Math.max(1, n / outputSize[a]);
        }
        return sliding("pool", k, s, new int[] {1, 1}, new int[] {0, 0});
    }

    static ReceptiveFieldEffect sliding(String name, int[] kernel, int[] stride, int[] dilation, int[] padding) {
        return new ReceptiveFieldEffect(Kind.SLIDING,
                new ReceptiveField.Layer(name, kernel[0], stride[0], dilation[0], padding[0]),
                new ReceptiveField.Layer(name, kernel[1], stride[1], dilation[1], padding[1]));
    }
}
