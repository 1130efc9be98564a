package io.github.minidl.examples.views;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.layers.ChannelShuffle;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Group convolution read off autograd: which input channels each output channel sees, for a
 * 4 -> 2 convolution with groups 2, and for two grouped 4 -> 4 convolutions in a row, without
 * and with a channel shuffle ({@link ChannelShuffle}: y[:, k·g + i] = x[:, i·(C/g) + k]) between
 * them. Weights are positive so no dependency cancels out.
 */
final class ChannelDependencySection extends Section {
    static final int CHANNELS = 4;
    static final int GROUPS = 2;
    private static final ChannelShuffle SHUFFLE = new ChannelShuffle(GROUPS);

    ChannelDependencySection() {
        super("Group convolution: which input channels each output channel sees (read off autograd)");
    }

    @Override
    public void run(Walkthrough w) throws IOException {
        INDArray x = w.integers(0, 9, 1, CHANNELS, 5, 5);
        w.println("Map [out x in]: 1 where the gradient of sum(y[:, out]) w.r.t. x[:, in] is non-zero.");
        w.println("");

        UnaryOperator<Tensor> dense = conv(w, CHANNELS, 2, 1);
        INDArray denseMap = ChannelDependency.map(dense, x);
        w.matrix("4 -> 2, groups 1: every output sees every input", denseMap);
        w.agree("groups 1: dependency map vs all ones", denseMap, Nd4j.ones(DataType.DOUBLE, 2, CHANNELS));

        UnaryOperator<Tensor> grouped = conv(w, CHANNELS, 2, GROUPS);
        INDArray groupedMap = ChannelDependency.map(grouped, x);
        w.matrix("4 -> 2, groups 2: output 0 sees inputs 0-1, output 1 sees inputs 2-3", groupedMap);
        w.agree("groups 2: dependency map vs the group rule", groupedMap, ChannelDependency.grouped(CHANNELS, 2, GROUPS));
        w.heatMap("dependency_groups2.png", groupedMap, "conv 4 -> 2, groups 2: dependency", "output channel", "input channel");
        w.println("");

        UnaryOperator<Tensor> first = conv(w, CHANNELS, CHANNELS, GROUPS);
        UnaryOperator<Tensor> second = conv(w, CHANNELS, CHANNELS, GROUPS);
        INDArray stacked = ChannelDependency.map(t -> second.apply(first.apply(t)), x);
        w.matrix("two grouped 4 -> 4 convs (groups 2): the groups never mix", stacked);
        w.agree("no shuffle: dependency map vs the group rule", stacked, ChannelDependency.grouped(CHANNELS, CHANNELS, GROUPS));
        w.heatMap("dependency_no_shuffle.png", stacked, "conv g2, conv g2: dependency",
                "output channel", "input channel");

        INDArray permutation = ChannelDependency.map(SHUFFLE::forward, x);
        w.matrix("channel shuffle (groups 2) alone: a permutation, channel order 0 2 1 3", permutation);
        INDArray shuffled = ChannelDependency.map(t -> second.apply(SHUFFLE.forward(first.apply(t))), x);
        w.matrix("grouped conv, channel shuffle, grouped conv: every output sees every input", shuffled);
        w.agree("after shuffle: dependency map vs all ones", shuffled, Nd4j.ones(DataType.DOUBLE, CHANNELS, CHANNELS));
        w.heatMap("dependency_shuffle.png", shuffled, "conv g2, shuffle, conv g2: dependency",
                "output channel", "input channel");
    }

    /** A 3x3 convolution (padding 1, no bias) with positive integer weights. */
    private static UnaryOperator<Tensor> conv(Walkthrough w, int in, int out, int groups) {
        ConvSpec s = ConvSpec.builder(in, out, 3).padding(1).groups(groups).build();
        Tensor weight = Tensor.of(w.integers(1, 3, s.weightShape()));
        return t -> F.conv2d(t, weight, null, s);
    }
}
