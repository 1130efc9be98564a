package io.github.minidl.autograd;

/**
 * Options of {@link F#binaryCrossEntropyWithLogits(Tensor, Tensor, BinaryCrossEntropyOptions)},
 * PyTorch's {@code weight}, {@code pos_weight} and {@code reduction}. Build with
 * {@code BinaryCrossEntropyOptions.defaults().withPosWeight(p).withWeight(w)}. Both weights are
 * constants: no gradient flows into them.
 *
 * @param reduction MEAN (over all elements), SUM or NONE
 * @param weight    multiplies each element's loss; broadcast to the input's shape; null for 1
 * @param posWeight multiplies the positive term t·log σ(z); broadcast to the input's shape (e.g.
 *                  [C] for [N, C] logits, one weight per class); null for 1
 */
public record BinaryCrossEntropyOptions(Reduction reduction, Tensor weight, Tensor posWeight) {
    /** Checks the reduction (the weights are checked against the input). */
    public BinaryCrossEntropyOptions {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
    }

    /** Mean reduction, no weights. */
    public static BinaryCrossEntropyOptions defaults() {
        return new BinaryCrossEntropyOptions(Reduction.MEAN, null, null);
    }

    /** These options with another reduction. */
    public BinaryCrossEntropyOptions withReduction(Reduction r) {
        return new BinaryCrossEntropyOptions(r, weight, posWeight);
    }

    /** These options with element weights (null: none). */
    public BinaryCrossEntropyOptions withWeight(Tensor w) {
        return new BinaryCrossEntropyOptions(reduction, w, posWeight);
    }

    /** These options with positive-class weights (null: none). */
    public BinaryCrossEntropyOptions withPosWeight(Tensor p) {
        return new BinaryCrossEntropyOptions(reduction, weight, p);
    }
}
