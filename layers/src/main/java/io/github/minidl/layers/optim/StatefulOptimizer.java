package io.github.minidl.layers.optim;

import io.github.minidl.core.kernels.Blas;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part every optimiser shares: its options (learning rate, maximize, L2 weight decay), a step
 * count and named buffers per parameter, the loop over parameters with gradients, and the saved
 * state ({@code parameter_count}, the options under PyTorch's names through {@link OptionsCodec},
 * {@code i.step}, {@code i.<buffer>}, and {@code initial_lr} once a schedule has fixed it). A
 * subclass writes the update of one parameter.
 */
abstract class StatefulOptimizer<O extends Record & Hyperparameters<O>> extends Optimizer {
    private final String type;
    private final Class<O> optionsType;
    private final List<String> bufferNames;
    private final long[] steps;
    private final INDArray[][] buffers;
    private O options;
    private final List<INDArray> temporaries = new ArrayList<>();

    /**
     * @param type        the saved state's type, e.g. {@code "Adam"}
     * @param bufferNames the per-parameter buffers, PyTorch's names (e.g. {@code exp_avg})
     */
    StatefulOptimizer(List<Parameter> parameters, O options, String type, String... bufferNames) {
        super(parameters);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        @SuppressWarnings("unchecked") // a record class is final: the options' class is O itself
        Class<O> optionsType = (Class<O>) options.getClass();
        this.optionsType = optionsType;
        this.type = type;
        this.bufferNames = List.of(bufferNames);
        this.steps = new long[parameters.size()];
        this.buffers = new INDArray[bufferNames.length][parameters.size()];
    }

    /**
     * Updates parameter {@code p} in place from gradient {@code g} at its step {@code t} = 1, 2, …;
     * g is already negated when maximizing and carries the L2 weight decay when
     * {@link #decaysThroughGradient()}; not to be modified.
     */
    abstract void update(O o, int i, INDArray p, INDArray g, long t);

    /**
     * Whether weight decay is PyTorch's usual L2 penalty {@code g + weightDecay·p}, added here
     * before the update (true), or applied by the update itself (AdamW's decoupled decay).
     */
    boolean decaysThroughGradient() {
        return true;
    }

    /** Whether a parameter that has taken steps must have buffer {@code b} under options o. */
    boolean needsBuffer(O o, int b) {
        return true;
    }

    /** Whether the saved state has {@code i.step} (PyTorch's SGD counts no steps). */
    boolean savesSteps() {
        return true;
    }

    @Override
    public final void step() {
        O o = options;
        matchParameterTypes(buffers);
        for (int i = 0; i < steps.length; i++) {
            INDArray g = gradient(i);
            if (g == null) {
                continue;
            }
            INDArray p = parameters().get(i).data();
            if (o.maximize()) {
                g = temporary(g.neg());
            }
            if (o.weightDecay() != 0 && decaysThroughGradient()) {
                g = temporary(g.add(temporary(p.mul(o.weightDecay()))));
            }
            update(o, i, p, g, ++steps[i]);
            freeTemporaries();
        }
    }

    /**
     * Marks an array the update made for its own use, to be freed as soon as the update of this
     * parameter is done. Such arrays are no op's output, so a {@code MemoryScope} does not see
     * them, and left to the garbage collector they pile up as gigabytes of dead native memory over
     * a training run (Adam makes five parameter-sized ones per parameter and step).
     */
    final INDArray temporary(INDArray made) {
        temporaries.add(made);
        return made;
    }

    private void freeTemporaries() {
        temporaries.forEach(NativeMemory::free);
        temporaries.clear();
    }

    /** Buffer {@code b} (an index into the names given to the constructor) of parameter i, or null. */
    final INDArray buffer(int b, int i) {
        return buffers[b][i];
    }

    /** Buffer {@code b} of parameter i, created filled with {@code value} in the parameter's shape and dtype if absent. */
    final INDArray buffer(int b, int i, double value) {
        if (buffers[b][i] == null) {
            buffers[b][i] = parameters().get(i).data().ulike().assign(value);
        }
        return buffers[b][i];
    }

    /** Sets buffer {@code b} of parameter i. */
    final void setBuffer(int b, int i, INDArray value) {
        buffers[b][i] = value;
    }

    @Override
    public final double learningRate() {
        return options.lr();
    }

    @Override
    public final void setLearningRate(double learningRate) {
        options = options.withLr(learningRate);
    }

    /** The hyperparameters in use. */
    public final O options() {
        return options;
    }

    @Override
    public final OptimizerState state() {
        matchParameterTypes(buffers);
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("parameter_count", (double) steps.length);
        Map<String, Boolean> flags = new LinkedHashMap<>();
        OptionsCodec.write(options, s, flags);
        if (!Double.isNaN(initialLearningRate())) {
            s.put("initial_lr", initialLearningRate());
        }
        for (int i = 0; i < steps.length && savesSteps(); i++) {
            s.put(i + ".step", (double) steps[i]);
        }
        Map<String, INDArray> b = new LinkedHashMap<>();
        for (int k = 0; k < buffers.length; k++) {
            putBuffers(b, bufferNames.get(k), buffers[k]);
        }
        return new OptimizerState(type, s, flags, b);
    }

    @Override
    public final void loadState(OptimizerState state) {
        requireType(state, type);
        O o = OptionsCodec.read(optionsType, state);
        int n = steps.length;
        long[] st = new long[n];
        INDArray[][] bufs = new INDArray[buffers.length][n];
        for (int i = 0; i < n; i++) {
            st[i] = savesSteps() ? count(state, i + ".step") : 0;
            for (int k = 0; k < bufs.length; k++) {
                bufs[k][i] = buffer(state, i, bufferNames.get(k));
                if (st[i] > 0 && bufs[k][i] == null && needsBuffer(o, k)) {
                    throw new IllegalArgumentException("optimizer state has step " + st[i] + " for parameter " + i
                            + " but no '" + i + "." + bufferNames.get(k) + "' buffer");
                }
            }
        }
        Double initial = state.scalars().get("initial_lr");
        options = o;
        setInitialLearningRate(initial == null ? Double.NaN : initial);
        System.arraycopy(st, 0, steps, 0, n);
        for (int k = 0; k < bufs.length; k++) {
            System.arraycopy(bufs[k], 0, buffers[k], 0, n);
        }
    }

    /** y += a·x in place, without the temporary a·x (x and y contiguous, same shape). */
    static void axpy(double a, INDArray x, INDArray y) {
        if (x.isView() || y.isView() || x.ordering() != y.ordering()) {
            y.addi(x.mul(a));
            return;
        }
        Blas.axpy(a, x, y);
    }

    private static long count(OptimizerState s, String key) {
        double v = scalar(s, key);
        if (v < 0 || v != Math.rint(v)) {
            throw new IllegalArgumentException("optimizer scalar '" + key + "'=" + v + " must be a non-negative integer");
        }
        return (long) v;
    }
}
