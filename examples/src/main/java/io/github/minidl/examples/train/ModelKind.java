package io.github.minidl.examples.train;

import io.github.minidl.examples.CliChoice;
import io.github.minidl.layers.BatchNorm2d;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.DepthwiseSeparableConv2d;
import io.github.minidl.layers.Dropout;
import io.github.minidl.layers.Flatten;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.MaxPool2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;

/**
 * The three example classifiers for 1×28×28 images, one architecture in three variants: two
 * convolution blocks (32 then 64 channels, each followed by batch norm and ReLU) that bring the
 * image to 64×7×7, then Linear(3136, 128), ReLU, Dropout(0.25) and Linear(128, 10). Where there is
 * pooling it comes right after the convolution, so batch norm and ReLU work on a quarter of the
 * pixels (max pooling commutes with ReLU; batch norm then normalises the pooled map).
 * <ul>
 * <li>{@link #STANDARD}: 3×3 convolutions, each followed by 2×2 max pooling (receptive field 10×10).</li>
 * <li>{@link #SEPARABLE}: the second convolution a depthwise-separable block (3×3 depthwise,
 *     batch norm, ReLU, 1×1 pointwise); the first stays a standard 3×3 convolution, since a
 *     depthwise convolution of a one-channel image would see a single filtered map (as in MobileNet).</li>
 * <li>{@link #DILATED}: no pooling: the first convolution has stride 2, the second dilation 2 and
 *     stride 2, which reach the same 7×7 map with a wider receptive field (11×11).</li>
 * </ul>
 * Parameters are drawn from {@link io.github.minidl.core.Init}'s generator: seed it first.
 */
public enum ModelKind implements CliChoice {
    /** 3×3 convolutions and max pooling. */
    STANDARD("3x3 convolutions with 2x2 max pooling"),
    /** Depthwise-separable second block. */
    SEPARABLE("standard 3x3 stem, then a depthwise-separable 3x3 block, with 2x2 max pooling"),
    /** Strided and dilated convolutions instead of pooling. */
    DILATED("stride-2 3x3 convolution, then a dilation-2 stride-2 3x3 convolution, no pooling");

    /** Channels after the first and the second block. */
    public static final int C1 = 32;
    /** Channels after the second block. */
    public static final int C2 = 64;
    /** Hidden units of the first linear layer. */
    public static final int HIDDEN = 128;
    /** Drop probability before the last linear layer. */
    public static final double DROPOUT = 0.25;

    private final String description;

    ModelKind(String description) {
        this.description = description;
    }

    /** One line saying what is special about this variant. */
    public String description() {
        return description;
    }

    /** Builds a freshly initialised model: input [N, 1, 28, 28], output logits [N, 10]. */
    public Sequential build() {
        Sequential features = switch (this) {
            case STANDARD -> new Sequential(
                    Conv2d.builder(1, C1, 3).padding(1).build(), new MaxPool2d(2), new BatchNorm2d(C1), new ReLU(),
                    Conv2d.builder(C1, C2, 3).padding(1).build(), new MaxPool2d(2), new BatchNorm2d(C2), new ReLU());
            case SEPARABLE -> new Sequential(
                    Conv2d.builder(1, C1, 3).padding(1).build(), new MaxPool2d(2), new BatchNorm2d(C1), new ReLU(),
                    DepthwiseSeparableConv2d.builder(C1, C2, 3).padding(1)
                            .normalization(new BatchNorm2d(C1)).activation(new ReLU()).build(),
                    new MaxPool2d(2), new BatchNorm2d(C2), new ReLU());
            case DILATED -> new Sequential(
                    Conv2d.builder(1, C1, 3).stride(2).padding(1).build(), new BatchNorm2d(C1), new ReLU(),
                    Conv2d.builder(C1, C2, 3).stride(2).dilation(2).padding(2).build(), new BatchNorm2d(C2), new ReLU());
        };
        return new Sequential(features, new Flatten(), new Linear(C2 * 7 * 7, HIDDEN), new ReLU(),
                new Dropout(DROPOUT), new Linear(HIDDEN, 10));
    }

    /** Trainable parameters of the convolutions alone (weights and biases of every Conv2d). */
    public static long convolutionParameters(Module model) {
        long n = 0;
        for (Module m : model.namedModules().values()) {
            if (m instanceof Conv2d conv) {
                n += conv.weight().numel() + (conv.bias() == null ? 0 : conv.bias().numel());
            }
        }
        return n;
    }
}
