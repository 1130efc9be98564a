package io.github.minidl.autograd;

import io.github.minidl.core.pooling.ResampleKernels;
import java.util.Arrays;

/** Interpolation of images, a linear map whose backward is its adjoint (so any order works). */
final class Interpolation {
    private Interpolation() {
    }

    static Tensor interpolate(Tensor x, InterpolateOptions o) {
        if (o == null) {
            throw new IllegalArgumentException("interpolate: options must not be null");
        }
        if (x == null || x.rank() != 4) {
            throw new IllegalArgumentException("interpolate: input must be 4-D [N, C, H, W] for 2-D modes; got "
                    + (x == null ? "null" : Arrays.toString(x.shape())) + " (PyTorch reads a 3-D input as [N, C, L]"
                    + " for 1-D interpolation, which minidl does not provide)");
        }
        Nd.sameFloatType("interpolate", x);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = o.outputSize(h, w);
        boolean nearest = o.mode() == InterpolationMode.NEAREST;
        ResampleKernels.Taps rows = nearest ? ResampleKernels.nearest(h, out[0], o.kernelScale(0))
                : ResampleKernels.linear(h, out[0], o.alignCorners(), o.kernelScale(0));
        ResampleKernels.Taps cols = nearest ? ResampleKernels.nearest(w, out[1], o.kernelScale(1))
                : ResampleKernels.linear(w, out[1], o.alignCorners(), o.kernelScale(1));
        String name = nearest ? "upsampleNearest2d" : "upsampleBilinear2d";
        return LinearOps.apply(name, x, a -> ResampleKernels.resample(a, rows, cols),
                name + "Backward", g -> ResampleKernels.resampleAdjoint(g, rows, cols, h, w));
    }
}
