package io.github.minidl.examples.views;

import io.github.minidl.autograd.Autograd;
import io.github.minidl.autograd.BackwardOptions;
import io.github.minidl.autograd.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Which input channels each output channel depends on, read off autograd: for output channel o,
 * the gradient of sum(y[:, o]) with respect to the input x is taken, and input channel i counts
 * as a dependency when any element of that gradient in channel i is non-zero.
 * The map is [outChannels, inChannels] with 1 for a dependency and 0 otherwise.
 */
public final class ChannelDependency {
    private ChannelDependency() {
    }

    /**
     * The dependency map of f at the input x.
     *
     * @param f a differentiable function of an image batch [N, Cin, H, W] to [N, Cout, H', W']
     * @param x the input, float64 [N, Cin, H, W]; not modified
     * @return float64 [Cout, Cin] of zeros and ones
     */
    public static INDArray map(UnaryOperator<Tensor> f, INDArray x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("x has shape " + Arrays.toString(x.shape()) + "; expected [N, C, H, W]");
        }
        Tensor in = Tensor.of(x.dup()).requiresGrad(true);
        Tensor y = f.apply(in);
        if (y.rank() != 4) {
            throw new IllegalArgumentException("f's output has shape " + Arrays.toString(y.shape())
                    + "; expected [N, C, H, W]");
        }
        int outChannels = (int) y.size(1);
        int inChannels = (int) x.size(1);
        INDArray map = Nd4j.zeros(DataType.DOUBLE, outChannels, inChannels);
        for (int o = 0; o < outChannels; o++) {
            // The upstream gradient of sum(y[:, o]) is a one-hot mask of channel o.
            INDArray mask = Nd4j.zeros(y.dataType(), y.shape());
            mask.get(NDArrayIndex.all(), NDArrayIndex.point(o), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
            Tensor g = Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensor.of(mask)}, new Tensor[] {in},
                    BackwardOptions.defaults().withRetainGraph().withAllowUnused())[0];
            if (g == null) {
                continue;
            }
            INDArray perChannel = Transforms.abs(g.data().castTo(DataType.DOUBLE)).sum(0, 2, 3);
            for (int i = 0; i < inChannels; i++) {
                map.putScalar(o, i, perChannel.getDouble(i) > 0 ? 1 : 0);
            }
        }
        return map;
    }

    /**
     * The map a grouped layer must have: output channel o (of outChannels) depends on input
     * channel i (of inChannels) exactly when both fall in the same of the groups.
     */
    public static INDArray grouped(int inChannels, int outChannels, int groups) {
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(String.format(
                    "inChannels=%d and outChannels=%d must be divisible by groups=%d", inChannels, outChannels, groups));
        }
        INDArray map = Nd4j.zeros(DataType.DOUBLE, outChannels, inChannels);
        int inPerGroup = inChannels / groups;
        int outPerGroup = outChannels / groups;
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < inChannels; i++) {
                map.putScalar(o, i, o / outPerGroup == i / inPerGroup ? 1 : 0);
            }
        }
        return map;
    }
}
