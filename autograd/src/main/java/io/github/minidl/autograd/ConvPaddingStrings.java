package io.github.minidl.autograd;

import io.github.minidl.core.geometry.SamePadding;
import java.util.Arrays;
import java.util.Locale;

/**
 * PyTorch's {@code padding="same"} and {@code "valid"} of conv2d, resolved to numbers before the
 * convolution: "same" pads d(k - 1) per axis, half before and the rest after; an odd total is
 * padded first (the extra row/column at the bottom/right) so the convolution stays symmetric.
 */
final class ConvPaddingStrings {
    private ConvPaddingStrings() {
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) {
        ConvOps.requireTensors("conv2d", x, w, "weight");
        String mode = padding == null ? "null" : padding.toLowerCase(Locale.ROOT);
        if (mode.equals("valid")) {
            return F.conv2d(x, w, b, stride, new int[] {0}, dilation, groups);
        }
        if (!mode.equals("same")) {
            throw new IllegalArgumentException("conv2d: padding='" + padding + "' must be 'same' or 'valid'"
                    + " (or numbers)");
        }
        int[] s = pair("stride", stride);
        int[] d = pair("dilation", dilation);
        if (s[0] != 1 || s[1] != 1) {
            throw new IllegalArgumentException("conv2d: padding='same' is not supported for strided convolutions;"
                    + " stride=" + Arrays.toString(s) + " must be [1, 1]");
        }
        if (w.rank() != 4 || d[0] < 1 || d[1] < 1) {
            // The plain call names the offending shape or value.
            return F.conv2d(x, w, b, s, new int[] {0}, d, groups);
        }
        int[] before = new int[2];
        int[] extra = new int[2];
        for (int a = 0; a < 2; a++) {
            int[] p = SamePadding.amounts(1, (int) w.size(2 + a), 1, d[a]);
            before[a] = p[0];
            extra[a] = p[1] - p[0];
        }
        Tensor in = extra[0] + extra[1] == 0 ? x : F.pad(x, 0, extra[1], 0, extra[0]);
        return F.conv2d(in, w, b, s, before, d, groups);
    }

    private static int[] pair(String name, int[] v) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException("conv2d: " + name + "=" + Arrays.toString(v)
                    + " must have one value or an (H, W) pair");
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }
}
