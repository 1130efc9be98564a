package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import java.util.List;

/**
 * Adam, PyTorch's {@code torch.optim.Adam}. Per parameter, step t = 1, 2, …:
 * <pre>
 * g = maximize ? -g : g
 * g = g + weightDecay·p                          (coupled L2 decay)
 * m = β1·m + (1 - β1)·g;   v = β2·v + (1 - β2)·g²
 * v' = amsgrad ? (vmax = max(vmax, v)) : v
 * p = p - lr/(1 - β1^t) · m / (√v' / √(1 - β2^t) + eps)
 * </pre>
 * State: per parameter {@code i.step}, {@code i.exp_avg}, {@code i.exp_avg_sq} (and
 * {@code i.max_exp_avg_sq}), plus the hyperparameters.
 */
public final class Adam extends AdamBase {
    /** The {@link io.github.minidl.layers.checkpoint.OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "Adam";

    /** @param parameters e.g. {@code model.parameters()} */
    public Adam(List<Parameter> parameters, AdamOptions options) {
        super(parameters, options, TYPE, false);
    }
}
