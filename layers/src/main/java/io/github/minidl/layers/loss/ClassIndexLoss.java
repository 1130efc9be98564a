package io.github.minidl.layers.loss;

import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the losses over class indices share ({@link CrossEntropyLoss}, {@link NLLLoss}): their
 * {@link ClassLossOptions}, the copies with one option changed, and the forward with the class
 * indices as an integer array, done by a functional op.
 *
 * @param <L> the loss itself, which the {@code with...} methods return
 */
abstract class ClassIndexLoss<L extends ClassIndexLoss<L>> extends OptionsLoss<ClassLossOptions> {
    /** A functional loss over class indices, e.g. {@code F::nllLoss}. */
    interface Op {
        Tensor apply(Tensor input, INDArray target, ClassLossOptions options);
    }

    private final Function<ClassLossOptions, L> copy;
    private final Op op;

    /**
     * @param copy the loss with other options, e.g. {@code NLLLoss::new}
     * @param op   the loss of non-null arguments
     */
    ClassIndexLoss(ClassLossOptions options, Function<ClassLossOptions, L> copy, Op op) {
        super("options", options);
        this.copy = copy;
        this.op = op;
    }

    /** This loss with another reduction. */
    public L withReduction(Reduction r) {
        return copy.apply(options.withReduction(r));
    }

    /** This loss with class weights [C] in the input's dtype (null: none). */
    public L withWeight(Tensor weight) {
        return copy.apply(options.withWeight(weight));
    }

    /** This loss ignoring targets equal to {@code index} (PyTorch's {@code ignore_index}). */
    public L withIgnoreIndex(long index) {
        return copy.apply(options.withIgnoreIndex(index));
    }

    /** As {@link #forward(Tensor, Tensor)} with class indices [N] / [N, ...] given as an integer array. */
    public Tensor forward(Tensor input, INDArray target) {
        LossArguments.notNull(input, target);
        return op.apply(input, target, options);
    }

    /** The reduction. */
    public Reduction reduction() {
        return options.reduction();
    }

    /** All options. */
    public ClassLossOptions options() {
        return options;
    }
}
