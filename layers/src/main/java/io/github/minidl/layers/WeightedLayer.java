package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A layer with a weight and an optional bias, initialised as PyTorch's {@code Linear} and
 * {@code _ConvNd} do: both U(-1/√fanIn, 1/√fanIn) with fanIn = weightShape[1]·(kernel size),
 * float32, drawn from {@link Init}'s generator (weight first, then bias).
 */
public abstract class WeightedLayer extends LeafModule {
    final Parameter weight;
    final Parameter bias;

    WeightedLayer(long[] weightShape, long outFeatures, boolean withBias) {
        SplittableRandom rng = Init.split();
        this.weight = registerParameter("weight", Init.defaultWeight(rng, DataType.FLOAT, weightShape));
        this.bias = withBias ? registerParameter("bias",
                Init.defaultBias(rng, DataType.FLOAT, Init.fanIn(weightShape), outFeatures)) : null;
    }

    /** The weight. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The bias as a tensor, or null, as F's ops take it. */
    Tensor biasTensor() {
        return bias == null ? null : bias.tensor();
    }
}
