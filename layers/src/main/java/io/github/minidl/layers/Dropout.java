package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import java.util.SplittableRandom;

/**
 * Dropout, PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with probability
 * p and the others scaled by 1/(1 - p); in eval mode the identity.
 *
 * <p>Reproducible: the layer takes a seed from {@link Init}'s generator when built, and call k
 * draws its mask from a generator seeded by (seed, k). Saving {@link #calls()} and restoring it
 * with {@link #seek(long)} replays the same masks after a resume.
 */
public final class Dropout extends LeafModule {
    private final double p;
    private final long seed;
    private long calls;

    /** p = 0.5. */
    public Dropout() {
        this(0.5);
    }

    /** @param p drop probability in [0, 1] */
    public Dropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p=" + p + " must lie in [0, 1]");
        }
        this.p = p;
        this.seed = Init.split().nextLong();
    }

    /** x with dropped elements in training mode, x itself in eval mode. */
    @Override
    protected Tensor compute(Tensor x) {
        Checks.notNull("Dropout: input", x);
        if (!isTraining() || p == 0) {
            return x;
        }
        long k = calls++;
        return F.dropout(x, p, new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (k + 1))));
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** The seed drawn when the layer was built. */
    public long seed() {
        return seed;
    }

    /** Number of training-mode forward calls so far (the index of the next mask). */
    public long calls() {
        return calls;
    }

    /** Sets the call counter, e.g. to a value saved in a checkpoint. */
    public void seek(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls=" + calls + " must be non-negative");
        }
        this.calls = calls;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=False";
    }
}
