package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.checkpoint.MetadataValues;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Dropout, PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with probability
 * p and the others scaled by 1/(1 - p); in eval mode the identity.
 *
 * <p>Reproducible: the layer takes a seed from {@link Init}'s generator when built, and call k
 * draws its mask from a generator seeded by (seed, k). The counter k is the layer's
 * {@link #extraState()}, so a checkpoint restored into a model built with the same seed replays
 * the same masks ({@link #seek(long)} sets it directly).
 */
public final class Dropout extends LeafModule {
    private static final String CALLS = "calls";

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

    /** Number of training-mode forward calls so far (the index of the next mask). */
    public long calls() {
        return calls;
    }

    /** Sets the call counter, e.g. to a value saved in a checkpoint. */
    public void seek(long calls) {
        this.calls = checkedCalls(calls);
    }

    /** The mask counter, {@code calls}, so that a resumed run draws the masks the first run would have. */
    @Override
    public Map<String, String> extraState() {
        return Map.of(CALLS, Long.toString(calls));
    }

    /** Restores the counter saved by {@link #extraState()}; 0 when the checkpoint holds none. */
    @Override
    public Runnable prepareExtraState(Map<String, String> state) {
        if (!Set.of(CALLS).containsAll(state.keySet())) {
            throw new IllegalArgumentException("Dropout keeps only '" + CALLS + "'; got " + state.keySet());
        }
        long k = state.isEmpty() ? 0 : checkedCalls(MetadataValues.longValue(state, CALLS));
        return () -> calls = k;
    }

    private static long checkedCalls(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls=" + calls + " must be non-negative");
        }
        return calls;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=False";
    }
}
