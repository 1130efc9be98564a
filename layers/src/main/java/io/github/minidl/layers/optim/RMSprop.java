package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}. Per parameter and step:
 * <pre>
 * g = maximize ? -g : g;   g = g + weightDecay·p
 * s = α·s + (1 - α)·g²
 * a = centered ? √(s - ḡ²) + eps with ḡ = α·ḡ + (1 - α)·g  :  √s + eps
 * momentum &gt; 0 ? (buf = momentum·buf + g/a;  p = p - lr·buf)  :  p = p - lr·g/a
 * </pre>
 * State: per parameter {@code i.step}, {@code i.square_avg}, {@code i.grad_avg} (centered) and
 * {@code i.momentum_buffer} (momentum), plus the hyperparameters.
 */
public final class RMSprop extends StatefulOptimizer<RmspropOptions> {
    /** The {@link OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "RMSprop";

    private static final int SQUARE_AVG = 0;
    private static final int GRAD_AVG = 1;
    private static final int MOMENTUM_BUFFER = 2;

    /** @param parameters e.g. {@code model.parameters()} */
    public RMSprop(List<Parameter> parameters, RmspropOptions options) {
        super(parameters, options, TYPE, "square_avg", "grad_avg", "momentum_buffer");
    }

    @Override
    void update(RmspropOptions o, int i, INDArray p, INDArray g, long t) {
        INDArray s = buffer(SQUARE_AVG, i, 0);
        s.muli(o.alpha()).addi(temporary(g.mul(g)).muli(1 - o.alpha()));
        INDArray avg;
        if (o.centered()) {
            INDArray mean = buffer(GRAD_AVG, i, 0);
            mean.muli(o.alpha()).addi(temporary(g.mul(1 - o.alpha())));
            avg = Transforms.sqrt(temporary(s.sub(temporary(mean.mul(mean)))), false);
        } else {
            avg = temporary(Transforms.sqrt(s, true));
        }
        avg.addi(o.eps());
        if (o.momentum() > 0) {
            INDArray buf = buffer(MOMENTUM_BUFFER, i, 0);
            buf.muli(o.momentum()).addi(temporary(g.div(avg)));
            axpy(-o.lr(), buf, p);
        } else {
            axpy(-o.lr(), temporary(g.div(avg)), p);
        }
    }

    @Override
    boolean needsBuffer(RmspropOptions o, int b) {
        return b == SQUARE_AVG || (b == GRAD_AVG && o.centered()) || (b == MOMENTUM_BUFFER && o.momentum() > 0);
    }
}
