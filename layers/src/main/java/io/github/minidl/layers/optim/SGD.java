package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent, PyTorch's {@code torch.optim.SGD}. Per parameter and step:
 * <pre>
 * d = g + weightDecay·p
 * buf = d (first step, no dampening) | momentum·buf + (1 - dampening)·d
 * d = nesterov ? d + momentum·buf : buf          (when momentum != 0)
 * p = p - lr·d
 * </pre>
 * State: {@code i.momentum_buffer} per parameter (once it exists) and the hyperparameters.
 */
public final class SGD extends Optimizer {
    /** The {@link OptimizerState#type()} of this optimiser. */
    public static final String TYPE = "SGD";

    private SgdOptions options;
    private final INDArray[] momentumBuffers;

    /** @param parameters e.g. {@code model.parameters()} */
    public SGD(List<Parameter> parameters, SgdOptions options) {
        super(parameters);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.momentumBuffers = new INDArray[parameters.size()];
    }

    @Override
    public void step() {
        SgdOptions o = options;
        matchParameterTypes(momentumBuffers);
        for (int i = 0; i < momentumBuffers.length; i++) {
            INDArray g = gradient(i);
            if (g == null) {
                continue;
            }
            INDArray p = parameters().get(i).data();
            INDArray d = o.weightDecay() != 0 ? g.add(p.mul(o.weightDecay())) : g;
            if (o.momentum() != 0) {
                INDArray buf = momentumBuffers[i];
                if (buf == null) {
                    buf = d.dup();
                    momentumBuffers[i] = buf;
                } else {
                    buf.muli(o.momentum());
                    axpy(1 - o.dampening(), d, buf);
                }
                d = o.nesterov() ? d.add(buf.mul(o.momentum())) : buf;
            }
            axpy(-o.lr(), d, p);
        }
    }

    /** y += a·x in place, without the temporary a·x (x and y contiguous, same shape). */
    private static void axpy(double a, INDArray x, INDArray y) {
        if (x.isView() || y.isView() || x.ordering() != y.ordering()) {
            y.addi(x.mul(a));
            return;
        }
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
    }

    @Override
    public double learningRate() {
        return options.lr();
    }

    @Override
    public void setLearningRate(double learningRate) {
        options = options.withLr(learningRate);
    }

    /** The hyperparameters in use. */
    public SgdOptions options() {
        return options;
    }

    @Override
    public OptimizerState state() {
        matchParameterTypes(momentumBuffers);
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("parameter_count", (double) momentumBuffers.length);
        s.put("lr", options.lr());
        s.put("momentum", options.momentum());
        s.put("dampening", options.dampening());
        s.put("nesterov", options.nesterov() ? 1.0 : 0.0);
        s.put("weight_decay", options.weightDecay());
        Map<String, INDArray> b = new LinkedHashMap<>();
        putBuffers(b, "momentum_buffer", momentumBuffers);
        return new OptimizerState(TYPE, s, b);
    }

    @Override
    public void loadState(OptimizerState state) {
        requireType(state, TYPE);
        SgdOptions o = new SgdOptions(scalar(state, "lr"), scalar(state, "momentum"), scalar(state, "dampening"),
                scalar(state, "nesterov") != 0, scalar(state, "weight_decay"));
        INDArray[] bufs = new INDArray[momentumBuffers.length];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = buffer(state, i, "momentum_buffer");
        }
        options = o;
        System.arraycopy(bufs, 0, momentumBuffers, 0, bufs.length);
    }
}
