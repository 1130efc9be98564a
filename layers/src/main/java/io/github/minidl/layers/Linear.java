package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import java.util.Arrays;

/**
 * Fully connected layer, PyTorch's {@code nn.Linear}: {@code y = x·weightᵀ + bias}.
 * Parameters {@code weight [out, in]} and {@code bias [out]}, both U(-1/√in, 1/√in), float32.
 */
public final class Linear extends WeightedLayer {
    private final int inFeatures;
    private final int outFeatures;

    /** With bias. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    private Linear(int inFeatures, int outFeatures, boolean withBias) {
        super(weightShape(inFeatures, outFeatures), outFeatures, withBias);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
    }

    /** {@code [out, in]}, both positive. */
    private static long[] weightShape(int inFeatures, int outFeatures) {
        Checks.positive("inFeatures", inFeatures);
        return new long[] {Checks.positive("outFeatures", outFeatures), inFeatures};
    }

    /** A layer without bias. */
    public static Linear withoutBias(int inFeatures, int outFeatures) {
        return new Linear(inFeatures, outFeatures, false);
    }

    /**
     * @param x [..., inFeatures]
     * @return [..., outFeatures]
     */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Linear: input", x);
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: input " + Arrays.toString(x.shape()) + " must have inFeatures="
                    + inFeatures + " in its last dimension");
        }
        Checks.nonEmpty("Linear", x);
        Checks.dtype("Linear", x, weight.dataType());
        return F.linear(x, weight.tensor(), biasTensor());
    }

    @Override
    long macs(long[] in, long[] out) {
        long n = 1;
        for (long d : out) {
            n *= d;
        }
        return n * inFeatures;
    }

    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.GLOBAL;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias == null ? "False" : "True");
    }
}
