package io.github.minidl.layers.optim;

import io.github.minidl.core.kernels.AdamUpdate;
import io.github.minidl.layers.Parameter;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Adam update shared by {@link Adam} (L2 decay in the gradient) and {@link AdamW} (decoupled decay). */
abstract class AdamBase extends StatefulOptimizer<AdamOptions> {
    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private static final int MAX_EXP_AVG_SQ = 2;

    private final boolean decoupled;

    /** @param decoupled AdamW's decay {@code p·(1 - lr·weightDecay)} instead of Adam's L2 penalty in the gradient */
    AdamBase(List<Parameter> parameters, AdamOptions options, String type, boolean decoupled) {
        super(parameters, options, type, "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        this.decoupled = decoupled;
    }

    @Override
    boolean decaysThroughGradient() {
        return !decoupled;
    }

    @Override
    void update(AdamOptions o, int i, INDArray p, INDArray g, long t) {
        INDArray m = buffer(EXP_AVG, i, 0);
        INDArray v = buffer(EXP_AVG_SQ, i, 0);
        if (o.weightDecay() != 0 && decoupled) {
            p.muli(1 - o.lr() * o.weightDecay());
        }
        double bc1 = 1 - Math.pow(o.beta1(), t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(o.beta2(), t));
        // eps is added after bias-correcting sqrt(v), as PyTorch does.
        AdamUpdate.update(p, g, m, v, o.amsgrad() ? buffer(MAX_EXP_AVG_SQ, i, 0) : null,
                new AdamUpdate.Coefficients(o.beta1(), o.beta2(), o.eps(), o.lr() / bc1, bc2Sqrt));
    }

    @Override
    boolean needsBuffer(AdamOptions o, int b) {
        return b != MAX_EXP_AVG_SQ;
    }
}
