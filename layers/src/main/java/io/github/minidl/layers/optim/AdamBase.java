package io.github.minidl.layers.optim;

import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Adam update shared by {@link Adam} (L2 decay in the gradient) and {@link AdamW} (decoupled decay). */
abstract class AdamBase extends Optimizer {
    private AdamOptions options;
    private final long[] steps;
    private final INDArray[] expAvg;
    private final INDArray[] expAvgSq;
    private final INDArray[] maxExpAvgSq;

    AdamBase(List<Parameter> parameters, AdamOptions options) {
        super(parameters);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        int n = parameters.size();
        steps = new long[n];
        expAvg = new INDArray[n];
        expAvgSq = new INDArray[n];
        maxExpAvgSq = new INDArray[n];
    }

    abstract boolean decoupled();

    abstract String type();

    @Override
    public void step() {
        AdamOptions o = options;
        matchParameterTypes(expAvg, expAvgSq, maxExpAvgSq);
        for (int i = 0; i < steps.length; i++) {
            INDArray g = gradient(i);
            if (g == null) {
                continue;
            }
            INDArray p = parameters().get(i).data();
            if (expAvg[i] == null) {
                expAvg[i] = p.ulike();
                expAvgSq[i] = p.ulike();
                expAvg[i].assign(0);
                expAvgSq[i].assign(0);
                if (o.amsgrad()) {
                    maxExpAvgSq[i] = p.ulike().assign(0);
                }
            }
            long t = ++steps[i];
            if (o.weightDecay() != 0) {
                if (decoupled()) {
                    p.muli(1 - o.lr() * o.weightDecay());
                } else {
                    g = g.add(p.mul(o.weightDecay()));
                }
            }
            expAvg[i].muli(o.beta1()).addi(g.mul(1 - o.beta1()));
            expAvgSq[i].muli(o.beta2()).addi(g.mul(g).muli(1 - o.beta2()));
            double bc1 = 1 - Math.pow(o.beta1(), t);
            double bc2Sqrt = Math.sqrt(1 - Math.pow(o.beta2(), t));
            INDArray v = expAvgSq[i];
            if (o.amsgrad()) {
                if (maxExpAvgSq[i] == null) {
                    maxExpAvgSq[i] = p.ulike().assign(0);
                }
                Transforms.max(maxExpAvgSq[i], v, false);
                v = maxExpAvgSq[i];
            }
            // eps is added after bias-correcting sqrt(v), as PyTorch does.
            INDArray denom = Transforms.sqrt(v, true).divi(bc2Sqrt).addi(o.eps());
            p.subi(expAvg[i].div(denom).muli(o.lr() / bc1));
        }
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
    public AdamOptions options() {
        return options;
    }

    @Override
    public OptimizerState state() {
        matchParameterTypes(expAvg, expAvgSq, maxExpAvgSq);
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("parameter_count", (double) steps.length);
        s.put("lr", options.lr());
        s.put("beta1", options.beta1());
        s.put("beta2", options.beta2());
        s.put("eps", options.eps());
        s.put("weight_decay", options.weightDecay());
        s.put("amsgrad", options.amsgrad() ? 1.0 : 0.0);
        for (int i = 0; i < steps.length; i++) {
            s.put(i + ".step", (double) steps[i]);
        }
        Map<String, INDArray> b = new LinkedHashMap<>();
        putBuffers(b, "exp_avg", expAvg);
        putBuffers(b, "exp_avg_sq", expAvgSq);
        putBuffers(b, "max_exp_avg_sq", maxExpAvgSq);
        return new OptimizerState(type(), s, b);
    }

    @Override
    public void loadState(OptimizerState state) {
        requireType(state, type());
        AdamOptions o = new AdamOptions(scalar(state, "lr"), scalar(state, "beta1"), scalar(state, "beta2"),
                scalar(state, "eps"), scalar(state, "weight_decay"), scalar(state, "amsgrad") != 0);
        int n = steps.length;
        long[] st = new long[n];
        INDArray[][] bufs = new INDArray[3][n];
        for (int i = 0; i < n; i++) {
            double v = scalar(state, i + ".step");
            if (v < 0 || v != Math.rint(v)) {
                throw new IllegalArgumentException("optimizer scalar '" + i + ".step'=" + v
                        + " must be a non-negative integer");
            }
            st[i] = (long) v;
            bufs[0][i] = buffer(state, i, "exp_avg");
            bufs[1][i] = buffer(state, i, "exp_avg_sq");
            bufs[2][i] = buffer(state, i, "max_exp_avg_sq");
            if (st[i] > 0 && (bufs[0][i] == null || bufs[1][i] == null)) {
                throw new IllegalArgumentException("optimizer state has step " + st[i] + " for parameter " + i
                        + " but no '" + i + ".exp_avg'/'" + i + ".exp_avg_sq' buffer");
            }
        }
        options = o;
        System.arraycopy(st, 0, steps, 0, n);
        System.arraycopy(bufs[0], 0, expAvg, 0, n);
        System.arraycopy(bufs[1], 0, expAvgSq, 0, n);
        System.arraycopy(bufs[2], 0, maxExpAvgSq, 0, n);
    }
}
