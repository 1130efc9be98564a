package io.github.minidl.examples.gradcheck;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.layers.AdaptiveAvgPool2d;
import io.github.minidl.layers.AvgPool2d;
import io.github.minidl.layers.BatchNorm2d;
import io.github.minidl.layers.ChannelShuffle;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.ConvTranspose2d;
import io.github.minidl.layers.DepthwiseSeparableConv2d;
import io.github.minidl.layers.Flatten;
import io.github.minidl.layers.GELU;
import io.github.minidl.layers.LeakyReLU;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.MaxPool2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.Sigmoid;
import io.github.minidl.layers.Tanh;
import io.github.minidl.layers.loss.BCEWithLogitsLoss;
import io.github.minidl.layers.loss.CrossEntropyLoss;
import io.github.minidl.layers.loss.MSELoss;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gradient checks of {@code minidl gradcheck}: every layer type in small float64 configurations. */
public final class LayerCases {
    private LayerCases() {
    }

    /** Every case, grouped by layer type. */
    public static List<LayerCase> all() {
        List<LayerCase> c = new ArrayList<>();
        add(c, "Conv2d", "3x3, 2 -> 3, bias", () -> new Conv2d(2, 3, 3), 2, 2, 5, 5);
        add(c, "Conv2d", "3x2, stride (2, 1), padding (1, 0)",
                () -> Conv2d.builder(2, 2, 3, 2).stride(2, 1).padding(1, 0).build(), 1, 2, 6, 5);
        add(c, "Conv2d", "groups 2, dilation 2, no bias",
                () -> Conv2d.builder(4, 2, 3).groups(2).dilation(2).withoutBias().build(), 1, 4, 7, 6);
        add(c, "Conv2d", "depthwise: groups 2 = in, multiplier 2, stride 2",
                () -> Conv2d.builder(2, 4, 3).groups(2).stride(2).padding(1).build(), 1, 2, 5, 5);
        add(c, "DepthwiseSeparableConv2d", "3x3, padding 1",
                () -> DepthwiseSeparableConv2d.builder(2, 3, 3).padding(1).build(), 2, 2, 4, 4);
        add(c, "DepthwiseSeparableConv2d", "multiplier 2, stride 2, dilation 2",
                () -> DepthwiseSeparableConv2d.builder(2, 3, 3).depthMultiplier(2).stride(2).dilation(2).padding(1)
                        .build(), 1, 2, 7, 7);
        add(c, "ConvTranspose2d", "3x3, stride 2, padding 1, outputPadding 1",
                () -> ConvTranspose2d.builder(2, 3, 3).stride(2).padding(1).outputPadding(1).build(), 1, 2, 3, 3);
        add(c, "ConvTranspose2d", "groups 2, dilation 2, outputPadding 1, no bias",
                () -> ConvTranspose2d.builder(4, 2, 3).groups(2).dilation(2).outputPadding(1).withoutBias().build(),
                2, 4, 3, 2);
        add(c, "ConvTranspose2d", "2x3, stride (3, 2), padding (0, 1)",
                () -> ConvTranspose2d.builder(2, 2, 2, 3).stride(3, 2).padding(0, 1).build(), 1, 2, 2, 3);
        add(c, "Linear", "4 -> 3, bias", () -> new Linear(4, 3), 3, 4);
        add(c, "Linear", "3 -> 2, no bias, rank-3 input", () -> Linear.withoutBias(3, 2), 2, 2, 3);
        add(c, "MaxPool2d", "2x2", () -> new MaxPool2d(2), 1, 2, 4, 5);
        add(c, "MaxPool2d", "3x3, stride 2, padding 1",
                () -> new MaxPool2d(PoolSpec.builder(3).stride(2).padding(1).build()), 1, 2, 5, 5);
        add(c, "AvgPool2d", "2x2", () -> new AvgPool2d(2), 1, 2, 4, 4);
        add(c, "AdaptiveAvgPool2d", "to 2x3", () -> new AdaptiveAvgPool2d(2, 3), 1, 2, 5, 7);
        add(c, "BatchNorm2d", "training (batch statistics)", () -> new BatchNorm2d(3), 2, 3, 3, 2);
        add(c, "BatchNorm2d", "eval (running statistics)", () -> new BatchNorm2d(3).eval(), 2, 3, 3, 2);
        add(c, "ReLU", "", ReLU::new, 2, 3, 2, 2);
        add(c, "LeakyReLU", "negative slope 0.2", () -> new LeakyReLU(0.2), 2, 5);
        add(c, "Sigmoid", "", Sigmoid::new, 2, 5);
        add(c, "Tanh", "", Tanh::new, 2, 5);
        add(c, "GELU", "exact (erf)", GELU::new, 2, 5);
        add(c, "ChannelShuffle", "groups 2", () -> new ChannelShuffle(2), 1, 4, 2, 2);
        add(c, "Flatten", "", Flatten::new, 2, 2, 2, 3);
        add(c, "MSELoss", "mean", () -> new LossModule(new MSELoss(), uniform(2, -1, 1, 3, 4)), 3, 4);
        add(c, "CrossEntropyLoss", "class indices, label smoothing 0.1",
                () -> crossEntropy(new CrossEntropyLoss().withLabelSmoothing(0.1)), 4, 5);
        add(c, "BCEWithLogitsLoss", "mean", () -> new LossModule(new BCEWithLogitsLoss(), uniform(3, 0, 1, 3, 4)), 3, 4);
        add(c, "Sequential", "conv s2, ReLU, convT s2, sigmoid",
                () -> new Sequential(Conv2d.builder(1, 2, 3).stride(2).padding(1).build(), new ReLU(),
                        ConvTranspose2d.builder(2, 1, 3).stride(2).padding(1).outputPadding(1).build(), new Sigmoid()),
                1, 1, 4, 4);
        return List.copyOf(c);
    }

    /** The distinct layer names, in order. */
    public static Set<String> layerNames() {
        Set<String> names = new LinkedHashSet<>();
        all().forEach(c -> names.add(c.layer()));
        return names;
    }

    private static void add(List<LayerCase> c, String layer, String config, Supplier<Module> m, long... shape) {
        c.add(new LayerCase(layer, config, m, shape));
    }

    /** A fixed float64 target, seeded: uniform in [lo, hi). */
    private static Tensor uniform(long seed, double lo, double hi, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[(int) (shape[0] * shape[1])];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Tensor.of(Nd4j.createFromArray(v).reshape(shape));
    }

    private static Module crossEntropy(CrossEntropyLoss loss) {
        INDArray target = Nd4j.createFromArray(0L, 3L, 1L, 4L);
        return new LossModule(x -> loss.forward(x, target));
    }
}
