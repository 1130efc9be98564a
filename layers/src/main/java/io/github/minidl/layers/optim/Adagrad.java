package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adagrad, PyTorch's {@code torch.optim.Adagrad}. Per parameter, step t = 1, 2, …:
 * <pre>
 * g = maximize ? -g : g;   g = g + weightDecay·p
 * sum = sum + g²                      (sum starts at initialAccumulatorValue)
 * p = p - lr/(1 + (t - 1)·lrDecay) · g / (√sum + eps)
 * </pre>
 * State: per parameter {@code i.step} and {@code i.sum}, plus the hyperparameters.
 */
public final class Adagrad extends StatefulOptimizer<AdagradOptions> {
    /** The {@link OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "Adagrad";

    /** @param parameters e.g. {@code model.parameters()} */
    public Adagrad(List<Parameter> parameters, AdagradOptions options) {
        super(parameters, options, TYPE, "sum");
    }

    @Override
    void update(AdagradOptions o, int i, INDArray p, INDArray g, long t) {
        INDArray sum = buffer(0, i, o.initialAccumulatorValue());
        sum.addi(temporary(g.mul(g)));
        INDArray std = temporary(Transforms.sqrt(sum, true)).addi(o.eps());
        double clr = o.lr() / (1 + (t - 1) * o.lrDecay());
        axpy(-clr, temporary(g.div(std)), p);
    }
}
