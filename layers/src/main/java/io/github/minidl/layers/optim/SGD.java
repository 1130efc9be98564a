package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, PyTorch's {@code torch.optim.SGD}. Per parameter and step:
 * <pre>
 * g = maximize ? -g : g
 * d = g + weightDecay·p
 * buf = d (first step, no dampening) | momentum·buf + (1 - dampening)·d
 * d = nesterov ? d + momentum·buf : buf          (when momentum != 0)
 * p = p - lr·d
 * </pre>
 * State: {@code i.momentum_buffer} per parameter (once it exists) and the hyperparameters.
 */
public final class SGD extends StatefulOptimizer<SgdOptions> {
    /** The {@link OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "SGD";

    /** @param parameters e.g. {@code model.parameters()} */
    public SGD(List<Parameter> parameters, SgdOptions options) {
        super(parameters, options, TYPE, "momentum_buffer");
    }

    @Override
    void update(SgdOptions o, int i, INDArray p, INDArray d, long t) {
        if (o.momentum() != 0) {
            INDArray buf = buffer(0, i);
            if (buf == null) {
                buf = d.dup();
                setBuffer(0, i, buf);
            } else {
                buf.muli(o.momentum());
                axpy(1 - o.dampening(), d, buf);
            }
            d = o.nesterov() ? temporary(d.add(temporary(buf.mul(o.momentum())))) : buf;
        }
        axpy(-o.lr(), d, p);
    }

    @Override
    boolean savesSteps() {
        return false;
    }
}
