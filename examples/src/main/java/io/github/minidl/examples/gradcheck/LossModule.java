package io.github.minidl.examples.gradcheck;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.loss.Loss;
import java.util.function.UnaryOperator;

/** A loss against a fixed target seen as a module of its input, so losses are checked like layers. */
final class LossModule extends Module {
    private final UnaryOperator<Tensor> loss;

    LossModule(Loss loss, Tensor target) {
        this.loss = x -> loss.forward(x, target);
    }

    LossModule(UnaryOperator<Tensor> loss) {
        this.loss = loss;
    }

    @Override
    public Tensor forward(Tensor x) {
        return loss.apply(x);
    }
}
