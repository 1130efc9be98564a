package io.github.minidl.core.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Receptive-field arithmetic along one axis for a stack of convolution or pooling layers.
 *
 * <p>For layer l with kernel k, stride s, dilation d and padding p, the dilated extent is
 * {@code e = d(k - 1) + 1}; then {@code size_l = size_{l-1} + (e - 1)·jump_{l-1}},
 * {@code jump_l = jump_{l-1}·s} and {@code start_l = start_{l-1} + ((e - 1)/2 - p)·jump_{l-1}},
 * starting from size 1, jump 1, start 0.5 (the centre of input pixel 0). Two stacked 3×3
 * convolutions see 5×5, like one 5×5; a 3×3 with dilation 2 sees 5×5 too.
 */
public final class ReceptiveField {
    private ReceptiveField() {
    }

    /** One layer of the stack along one axis. */
    public record Layer(String name, int kernel, int stride, int dilation, int padding) {
        /** Checks the values; every one but padding must be positive. */
        public Layer {
            if (kernel < 1 || stride < 1 || dilation < 1 || padding < 0) {
                throw new IllegalArgumentException(String.format(
                        "layer %s: kernel=%d, stride=%d, dilation=%d must be positive and padding=%d non-negative",
                        name, kernel, stride, dilation, padding));
            }
        }

        /** A layer with no padding. */
        public static Layer of(String name, int kernel, int stride, int dilation) {
            return new Layer(name, kernel, stride, dilation, 0);
        }

        /** Axis {@code axis} (0 = H, 1 = W) of a convolution spec. */
        public static Layer of(String name, ConvSpec spec, int axis) {
            return new Layer(name, spec.kernel(axis), spec.stride(axis), spec.dilation(axis), spec.padding(axis));
        }

        /**
         * Extent of the dilated kernel, d(k - 1) + 1.
         *
         * @throws IllegalArgumentException when it exceeds an int
         */
        public int effectiveKernel() {
            return exact(name, (long) dilation * (kernel - 1) + 1, "dilated kernel");
        }
    }

    /**
     * The field after a layer: {@code size} input pixels seen by one output pixel, {@code jump}
     * input pixels between neighbouring outputs, {@code start} the centre of output 0 in input
     * coordinates (pixel i spans [i, i + 1)).
     */
    public record Step(Layer layer, int size, int jump, double start) {
    }

    /** The field after each layer of the stack, in order. */
    public static List<Step> of(List<Layer> layers) {
        List<Step> steps = new ArrayList<>(layers.size());
        int size = 1;
        int jump = 1;
        double start = 0.5;
        for (Layer l : layers) {
            int extent = l.effectiveKernel();
            start += ((extent - 1) / 2.0 - l.padding()) * jump;
            size = exact(l.name(), size + (long) (extent - 1) * jump, "receptive field");
            jump = exact(l.name(), (long) jump * l.stride(), "jump");
            steps.add(new Step(l, size, jump, start));
        }
        return steps;
    }

    private static int exact(String layer, long value, String what) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "layer %s: the %s reaches %d pixels, more than %d", layer, what, value, Integer.MAX_VALUE));
        }
        return (int) value;
    }

    /** Receptive field size of the whole stack. */
    public static int size(List<Layer> layers) {
        List<Step> steps = of(layers);
        return steps.isEmpty() ? 1 : steps.get(steps.size() - 1).size();
    }
}
