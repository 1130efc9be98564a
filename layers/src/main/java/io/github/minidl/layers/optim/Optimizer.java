package io.github.minidl.layers.optim;

import io.github.minidl.core.RangeChecks;
import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates parameters from their gradients, in place on the arrays and without recording a graph.
 * Parameters without a gradient are skipped, as in PyTorch. {@link #state()} and
 * {@link #loadState(OptimizerState)} capture everything a step depends on, so a resumed run
 * continues bit for bit (same parameters, same thread count).
 */
public abstract class Optimizer implements HasLearningRate {
    private final List<Parameter> parameters;
    private double initialLr = Double.NaN;

    /** @param parameters non-empty, no duplicates (e.g. {@code model.parameters()}) */
    protected Optimizer(List<Parameter> parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters must not be empty: the optimizer has nothing to update");
        }
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p == null) {
                throw new IllegalArgumentException("parameters[" + i + "] is null");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("parameters[" + i + "] appears twice; each parameter must be given once");
            }
        }
        this.parameters = List.copyOf(parameters);
    }

    /** Applies one update to every parameter that has a gradient. */
    public abstract void step();

    /** The optimiser's state: hyperparameters, step counts and per-parameter buffers. */
    public abstract OptimizerState state();

    /**
     * Restores a state saved by {@link #state()} of an optimiser of the same type over parameters
     * of the same shapes.
     *
     * @throws IllegalArgumentException naming the key when the type, a value or a buffer shape does not fit
     */
    public abstract void loadState(OptimizerState state);

    @Override
    public double initialLearningRate() {
        return initialLr;
    }

    @Override
    public void setInitialLearningRate(double initialLearningRate) {
        if (!Double.isNaN(initialLearningRate)) {
            checkRate(initialLearningRate);
        }
        initialLr = initialLearningRate;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        parameters.forEach(Parameter::zeroGrad);
    }

    /** The parameters updated, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The gradient array of parameter i, or null; checked against the parameter's shape and dtype. */
    protected final INDArray gradient(int i) {
        Parameter p = parameters.get(i);
        if (p.grad() == null) {
            return null;
        }
        INDArray g = p.grad().data();
        if (!Arrays.equals(g.shape(), p.data().shape()) || g.dataType() != p.dataType()) {
            throw new IllegalStateException("gradient of parameter " + i + " has shape " + Arrays.toString(g.shape())
                    + " " + g.dataType() + " but the parameter is " + Arrays.toString(p.shape()) + " " + p.dataType());
        }
        return g;
    }

    /**
     * Casts state arrays to their parameter's dtype where they differ: {@link
     * io.github.minidl.layers.Module#to} may have cast the parameters after the state was made,
     * and the update must then continue in the new dtype (as PyTorch's does). Null entries stay null.
     */
    final void matchParameterTypes(INDArray[]... perParameter) {
        for (INDArray[] buffers : perParameter) {
            for (int i = 0; i < buffers.length; i++) {
                DataType type = parameters.get(i).dataType();
                if (buffers[i] != null && buffers[i].dataType() != type) {
                    buffers[i] = buffers[i].castTo(type);
                }
            }
        }
    }

    /** Rejects a learning rate that is negative, NaN or infinite. */
    static void checkRate(double lr) {
        RangeChecks.finiteNonNegative("learningRate", lr);
    }

    /** Checks the saved type and reads a scalar, naming the key when it is missing. */
    static double scalar(OptimizerState s, String key) {
        Double v = s.scalars().get(key);
        if (v == null) {
            throw new IllegalArgumentException("optimizer state of type " + s.type() + " has no scalar '" + key
                    + "'; scalars: " + s.scalars().keySet());
        }
        return v;
    }

    final void requireType(OptimizerState s, String type) {
        if (s == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        if (!type.equals(s.type())) {
            throw new IllegalArgumentException("optimizer state has type '" + s.type() + "'; this optimizer is " + type);
        }
        double count = scalar(s, "parameter_count");
        if (count != parameters.size()) {
            throw new IllegalArgumentException("optimizer state 'parameter_count'=" + (long) count
                    + " but this optimizer has " + parameters.size() + " parameters");
        }
        for (String key : s.buffers().keySet()) {
            int dot = key.indexOf('.');
            int i;
            try {
                i = Integer.parseInt(key.substring(0, Math.max(dot, 0)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("optimizer buffer '" + key + "' does not start with a parameter index");
            }
            if (i < 0 || i >= parameters.size()) {
                throw new IllegalArgumentException("optimizer buffer '" + key + "' refers to parameter " + i
                        + " of " + parameters.size());
            }
        }
    }

    /** A copy of buffer {@code i.name} in parameter i's dtype, or null when absent; shapes must match. */
    final INDArray buffer(OptimizerState s, int i, String name) {
        INDArray b = s.buffers().get(i + "." + name);
        if (b == null) {
            return null;
        }
        Parameter p = parameters.get(i);
        if (!Arrays.equals(b.shape(), p.data().shape()) || b.dataType() != p.dataType()) {
            throw new IllegalArgumentException("optimizer buffer '" + i + "." + name + "' has shape "
                    + Arrays.toString(b.shape()) + " " + b.dataType() + " but parameter " + i + " is "
                    + Arrays.toString(p.shape()) + " " + p.dataType());
        }
        return b.dup();
    }

    static void putBuffers(Map<String, INDArray> out, String name, INDArray[] buffers) {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                out.put(i + "." + name, buffers[i].dup());
            }
        }
    }
}
