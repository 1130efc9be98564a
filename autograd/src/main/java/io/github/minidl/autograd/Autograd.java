package io.github.minidl.autograd;

import java.util.List;

/** Gradients of outputs with respect to chosen inputs, without touching any {@code grad()}: torch.autograd.grad. */
public final class Autograd {
    private Autograd() {
    }

    /**
     * d(Σ_i ⟨outputs[i], gradOutputs[i]⟩)/d inputs[j] for every j.
     *
     * @param gradOutputs upstream gradients, one per output (an entry may be null for a
     *                    one-element output, meaning 1); the array itself may be null
     * @return one gradient per input, the input's shape; null for an unused input when
     *         {@link BackwardOptions#allowUnused()}
     * @throws IllegalArgumentException for an unused input without allowUnused
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] gradOutputs, Tensor[] inputs, BackwardOptions options) {
        Tensor[] g = new Tensor[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            g[i] = gradOutputs == null ? null : gradOutputs[i];
            if (g[i] == null) {
                if (outputs[i].numel() != 1) {
                    throw new IllegalArgumentException("output " + i + " has " + outputs[i].numel()
                            + " elements: pass a gradient for it");
                }
                g[i] = Tensor.ones(outputs[i].dataType(), outputs[i].shape());
            }
        }
        Tensor[] result = Engine.run(outputs, g, inputs, options);
        if (!options.allowUnused()) {
            for (int i = 0; i < result.length; i++) {
                if (result[i] == null) {
                    throw new IllegalArgumentException("input " + i + " was not used to compute the outputs;"
                            + " pass BackwardOptions.defaults().withAllowUnused() to get null for it");
                }
            }
        }
        return result;
    }

    /** Gradients of a one-element output with respect to {@code inputs}. */
    public static Tensor[] grad(Tensor output, Tensor[] inputs, BackwardOptions options) {
        return grad(new Tensor[] {output}, null, inputs, options);
    }

    /** Gradients of a one-element output with respect to {@code inputs}, default options. */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(output, inputs, BackwardOptions.DEFAULT);
    }

    /** List form of {@link #grad(Tensor[], Tensor[], Tensor[], BackwardOptions)}; outputs must be one-element. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, BackwardOptions options) {
        return java.util.Arrays.asList(grad(outputs.toArray(new Tensor[0]), null, inputs.toArray(new Tensor[0]), options));
    }
}
