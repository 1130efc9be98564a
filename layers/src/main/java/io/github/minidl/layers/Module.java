package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.checkpoint.StateDictDiff;
import io.github.minidl.layers.checkpoint.StateDicts;
import io.github.minidl.layers.safetensors.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A building block of a network, like PyTorch's {@code nn.Module}: it owns named
 * {@link Parameter}s, {@link Buffer}s and sub-modules, registered in order, and maps an input
 * tensor to an output in {@link #forward}. Names are dotted paths ({@code features.0.weight}).
 *
 * <p>A custom module registers its parts in the constructor and composes them in forward:
 * <pre>{@code
 * final class TinyNet extends Module {
 *     private final Conv2d conv = registerModule("conv", new Conv2d(1, 8, 3));
 *     private final Linear fc = registerModule("fc", new Linear(8 * 26 * 26, 10));
 *     public Tensor forward(Tensor x) {
 *         return fc.forward(F.flatten(F.relu(conv.forward(x))));
 *     }
 * }
 * }</pre>
 * A layer that computes its output itself extends {@link LeafModule} and implements
 * {@code compute}; its calls then show in a {@link Summary}.
 *
 * <p>Threads: several threads may run forward and backward on the same module at once; every
 * backward's gradients are added to the parameters' {@code grad()} (in an order that depends on
 * timing, so the last bits of the sums may differ from run to run). Nothing else may overlap
 * with them: optimiser steps, {@link #zeroGrad()}, {@link #to}, {@link #loadStateDict},
 * {@link #train()}/{@link #eval()} and {@link #functionalCall} belong between the threads' passes,
 * and layers that change their own state in training mode ({@link BatchNorm2d}'s running
 * statistics, {@link Dropout}'s mask counter) are not synchronised: use a copy per thread, or
 * eval mode, for those.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Maps an input to an output, recording the graph while grad mode is on. */
    public abstract Tensor forward(Tensor x);

    // ---- registration -----------------------------------------------------------------

    /** Registers a parameter initialised with {@code data} (owned, not copied); returns it. */
    protected final Parameter registerParameter(String name, INDArray data) {
        checkRegistration("parameter", name, data);
        if (!data.dataType().isFPType()) {
            throw new IllegalArgumentException("parameter '" + name + "' has dtype " + data.dataType()
                    + "; parameters must be floating point");
        }
        Parameter p = new Parameter(data);
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer holding {@code data} (owned, not copied); returns it. */
    protected final Buffer registerBuffer(String name, INDArray data) {
        checkRegistration("buffer", name, data);
        Buffer b = new Buffer(data);
        buffers.put(name, b);
        return b;
    }

    /** Registers a sub-module under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkRegistration("module", name, module);
        if (module == this) {
            throw new IllegalArgumentException("module '" + name + "' cannot be registered inside itself");
        }
        children.put(name, module);
        return module;
    }

    /** {@code name} is new and dot-free, and the {@code kind} registered under it is not null. */
    private void checkRegistration(String kind, String name, Object value) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("name='" + name + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name='" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
        if (value == null) {
            throw new IllegalArgumentException(kind + " '" + name + "' must not be null");
        }
    }

    // ---- traversal --------------------------------------------------------------------

    /** Every parameter of this module and its descendants, in registration order, each once. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by dotted name ({@code features.0.weight}), in registration order, each once. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.parameters.forEach((n, p) -> {
            if (seen.add(p)) {
                out.put(dotted(prefix, n), p);
            }
        }));
        return out;
    }

    /** Every buffer by dotted name, in registration order. */
    public Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, m) -> m.buffers.forEach((n, b) -> out.put(dotted(prefix, n), b)));
        return out;
    }

    /** {@code name} inside the module at {@code prefix} ("" for this one): {@code prefix.name}. */
    static String dotted(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The direct sub-modules by name, in registration order. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module (name "") and every descendant by dotted name, depth first, each once. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectModules("", out, seen);
        return out;
    }

    private void collectModules(String name, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(name, this);
        children.forEach((n, m) -> m.collectModules(dotted(name, n), out, seen));
    }

    /** Calls {@code fn} on every descendant, then on this module (PyTorch's order); returns this. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children.values()) {
            m.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    /** Number of elements of the parameters that require grad. */
    public long trainableParameterCount() {
        return parameters().stream().filter(Parameter::requiresGrad).mapToLong(Parameter::numel).sum();
    }

    /** Number of elements of this module's own parameters (not its children's) that require grad. */
    long ownTrainableParameterCount() {
        return parameters.values().stream().filter(Parameter::requiresGrad).mapToLong(Parameter::numel).sum();
    }

    // ---- modes, gradients, dtype --------------------------------------------------------

    /** Switches this module and its descendants to training mode; returns this. */
    public Module train() {
        return apply(m -> m.training = true);
    }

    /** Switches this module and its descendants to evaluation mode (running statistics, no dropout). */
    public Module eval() {
        return apply(m -> m.training = false);
    }

    /** True in training mode (the default). */
    public boolean isTraining() {
        return training;
    }

    void setTraining(boolean on) {
        training = on;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        parameters().forEach(Parameter::zeroGrad);
    }

    /**
     * Casts every parameter and floating-point buffer to {@code type} (FLOAT or DOUBLE), dropping
     * gradients; returns this. Optimisers made before keep working: they cast their state to the
     * parameters' new dtype at their next step.
     */
    public Module to(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("dtype=" + type + " must be FLOAT (float32) or DOUBLE (float64)");
        }
        return apply(m -> {
            m.parameters.values().forEach(p -> p.cast(type));
            m.buffers.values().forEach(b -> b.cast(type));
        });
    }

    /** The dtype of the first parameter (FLOAT for a module without parameters). */
    public DataType dataType() {
        List<Parameter> ps = parameters();
        return ps.isEmpty() ? DataType.FLOAT : ps.get(0).dataType();
    }

    // ---- state dict ---------------------------------------------------------------------

    /**
     * Parameters and buffers by dotted name, as PyTorch orders them (each module's parameters,
     * then its buffers, then its children). The arrays are the live values, not copies.
     */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        namedModules().forEach((prefix, m) -> {
            m.parameters.forEach((n, v) -> out.putIfAbsent(dotted(prefix, n), v.data()));
            m.buffers.forEach((n, v) -> out.put(dotted(prefix, n), v.data()));
        });
        return out;
    }

    /**
     * Copies {@code state} into the parameters and buffers (in place, bit for bit). Shapes and
     * dtypes must match; keys must match exactly under {@link KeyMatching#STRICT}.
     *
     * @return the missing and unexpected keys tolerated under {@link KeyMatching#LENIENT}
     * @throws io.github.minidl.layers.checkpoint.StateDictMismatchException naming every offending key
     */
    public StateDictDiff loadStateDict(Map<String, INDArray> state, KeyMatching matching) {
        Checks.notNull("state", state);
        Checks.notNull("matching", matching);
        Map<String, INDArray> own = stateDict();
        StateDictDiff diff = StateDicts.requireCompatible(own, state, matching);
        own.forEach((key, target) -> {
            INDArray src = state.get(key);
            if (src != null) {
                target.assign(src);
            }
        });
        return diff;
    }

    /**
     * State besides parameters and buffers that a checkpoint keeps for an exact resume, as
     * PyTorch's {@code get_extra_state} (e.g. {@link Dropout}'s mask counter); keys contain no dots.
     * None by default; see {@link io.github.minidl.layers.checkpoint.ExtraStateMetadata}.
     */
    public Map<String, String> extraState() {
        return Map.of();
    }

    /**
     * Checks {@code state} (what {@link #extraState()} returned; empty when a checkpoint holds none)
     * and returns the action that installs it: PyTorch's {@code set_extra_state} in two steps, so a
     * whole checkpoint is checked before anything changes.
     *
     * @throws IllegalArgumentException naming the key and value at fault
     */
    public Runnable prepareExtraState(Map<String, String> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no extra state; got " + state);
        }
        return () -> { };
    }

    /**
     * Writes {@link #stateDict()} to a {@code .safetensors} file under PyTorch's key names,
     * atomically; {@code model.load_state_dict(safetensors.torch.load_file(path))} reads it into
     * the same architecture built in PyTorch.
     *
     * @throws IOException when writing fails; the file is then left as it was
     */
    public void saveSafetensors(Path file) throws IOException {
        Safetensors.save(file, stateDict(), Safetensors.PYTORCH_METADATA);
    }

    /**
     * Loads a {@code .safetensors} file (e.g. PyTorch's {@code save_file(model.state_dict(), path)})
     * with {@link KeyMatching#STRICT}, converting floating-point arrays to this model's dtype.
     *
     * @throws io.github.minidl.layers.checkpoint.StateDictMismatchException for missing, unexpected or mis-shaped keys
     * @throws io.github.minidl.layers.safetensors.CorruptSafetensorsException for a damaged file
     */
    public StateDictDiff loadSafetensors(Path file) throws IOException {
        return loadSafetensors(file, KeyMatching.STRICT);
    }

    /**
     * As {@link #loadSafetensors(Path)}, with missing and unexpected keys tolerated under
     * {@link KeyMatching#LENIENT}; dtypes convert as described in {@link Safetensors#convertLike}.
     */
    public StateDictDiff loadSafetensors(Path file, KeyMatching matching) throws IOException {
        Map<String, INDArray> loaded = Safetensors.load(file).tensors();
        return loadStateDict(Safetensors.convertLike(stateDict(), loaded), matching);
    }

    /**
     * Runs {@link #forward} with some parameters replaced by the given tensors (like
     * {@code torch.func.functional_call}), then restores them; used for gradient checks.
     *
     * @param replacements dotted parameter names to tensors of the same shape and dtype
     */
    public Tensor functionalCall(Map<String, Tensor> replacements, Tensor x) {
        Checks.notNull("replacements", replacements);
        Map<String, Parameter> named = namedParameters();
        List<Parameter> swapped = new ArrayList<>();
        List<Tensor> originals = new ArrayList<>();
        try {
            replacements.forEach((name, t) -> {
                Parameter p = named.get(name);
                if (p == null) {
                    throw new IllegalArgumentException("no parameter named '" + name + "'; parameters: "
                            + named.keySet());
                }
                if (t == null || !Arrays.equals(t.shape(), p.shape()) || t.dataType() != p.dataType()) {
                    throw new IllegalArgumentException("replacement for '" + name + "' must have shape "
                            + Arrays.toString(p.shape()) + " and dtype " + p.dataType() + "; got "
                            + (t == null ? "null" : Arrays.toString(t.shape()) + " " + t.dataType()));
                }
                originals.add(p.swap(t));
                swapped.add(p);
            });
            return forward(x);
        } finally {
            for (int i = swapped.size() - 1; i >= 0; i--) {
                swapped.get(i).swap(originals.get(i));
            }
        }
    }

    // ---- summary hooks ------------------------------------------------------------------

    /**
     * Reports a layer call to a {@link Summary} being built (no-op otherwise); returns {@code y}.
     * {@link LeafModule#forward} calls it; a layer's other entry points (forwardWithIndices) too.
     */
    protected final Tensor traced(Tensor x, Tensor y) {
        Trace.record(this, x.shape(), y.shape());
        return y;
    }

    /** Multiply-accumulates of one call with these input and output shapes (0 unless overridden). */
    long macs(long[] inputShape, long[] outputShape) {
        return 0;
    }

    /** The receptive-field effect of this layer for an input of this shape; null when it has none. */
    ReceptiveFieldEffect receptiveFieldEffect(long[] inputShape) {
        return null;
    }

    /** A short description for the summary's type column. */
    String summaryType(long[] inputShape) {
        return getClass().getSimpleName();
    }

    // ---- printing -----------------------------------------------------------------------

    /** The arguments shown inside this module's line of {@link #toString()} (PyTorch's extra_repr). */
    protected String extraRepr() {
        return "";
    }

    /** A nested description like PyTorch's repr, e.g. {@code Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1))}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        String extra = extraRepr();
        if (children.isEmpty()) {
            return name + "(" + extra + ")";
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        if (!extra.isEmpty()) {
            sb.append("\n  ").append(extra);
        }
        children.forEach((n, m) -> sb.append("\n  (").append(n).append("): ")
                .append(m.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
