package io.github.minidl.autograd;

/**
 * Options of the losses over class indices, {@link F#crossEntropy(Tensor, org.nd4j.linalg.api.ndarray.INDArray,
 * ClassLossOptions)} and {@link F#nllLoss(Tensor, org.nd4j.linalg.api.ndarray.INDArray, ClassLossOptions)},
 * with PyTorch's names and defaults. Build with
 * {@code ClassLossOptions.defaults().withWeight(w).withIgnoreIndex(0).withLabelSmoothing(0.1)}.
 *
 * @param reduction      MEAN (PyTorch's weighted mean: the sum divided by Σ weight[target] over the
 *                       targets not ignored), SUM or NONE (one value per target, 0 where ignored)
 * @param weight         per-class weights [C] in the input's dtype, or null for all 1; a constant:
 *                       no gradient flows into it
 * @param ignoreIndex    targets equal to it contribute nothing (any value; PyTorch's default -100)
 * @param labelSmoothing ε in [0, 1]: the target becomes (1 − ε)·onehot + ε/C, each class weighted;
 *                       cross-entropy only
 */
public record ClassLossOptions(Reduction reduction, Tensor weight, long ignoreIndex, double labelSmoothing) {
    /** PyTorch's default ignore_index. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    /** Checks the reduction and the smoothing range (the weight is checked against the input). */
    public ClassLossOptions {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("labelSmoothing=" + labelSmoothing + " must lie in [0, 1]");
        }
        if (weight != null && weight.rank() != 1) {
            throw new IllegalArgumentException("weight must be 1-D [C], one weight per class; got "
                    + java.util.Arrays.toString(weight.shape()));
        }
    }

    /** Mean reduction, no weights, ignore index -100, no smoothing. */
    public static ClassLossOptions defaults() {
        return new ClassLossOptions(Reduction.MEAN, null, DEFAULT_IGNORE_INDEX, 0);
    }

    /** These options with another reduction. */
    public ClassLossOptions withReduction(Reduction r) {
        return new ClassLossOptions(r, weight, ignoreIndex, labelSmoothing);
    }

    /** These options with per-class weights [C] (null: none). */
    public ClassLossOptions withWeight(Tensor w) {
        return new ClassLossOptions(reduction, w, ignoreIndex, labelSmoothing);
    }

    /** These options ignoring targets equal to {@code index}. */
    public ClassLossOptions withIgnoreIndex(long index) {
        return new ClassLossOptions(reduction, weight, index, labelSmoothing);
    }

    /** These options with label smoothing ε. */
    public ClassLossOptions withLabelSmoothing(double epsilon) {
        return new ClassLossOptions(reduction, weight, ignoreIndex, epsilon);
    }
}
