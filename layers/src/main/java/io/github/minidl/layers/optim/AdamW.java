package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import java.util.List;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW}: decoupled weight decay {@code p = p·(1 - lr·weightDecay)}
 * first, then the {@link Adam} update with the raw gradient (the decay never enters m or v).
 * PyTorch's default weight decay is 0.01: see {@link AdamOptions#adamW(double)}.
 */
public final class AdamW extends AdamBase {
    /** The {@link io.github.minidl.layers.checkpoint.OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "AdamW";

    /** @param parameters e.g. {@code model.parameters()} */
    public AdamW(List<Parameter> parameters, AdamOptions options) {
        super(parameters, options, TYPE, true);
    }
}
