package io.github.minidl.layers.data;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dataset held in two arrays whose first axis is the sample axis, like PyTorch's
 * {@code TensorDataset}: sample {@code i} is {@code (inputs[i], targets[i])}.
 *
 * <p>The arrays are kept as given (a non-c-contiguous one is copied once, at construction) and
 * must not be modified while the dataset is in use. Batches are gathered row by row with bulk
 * memory copies, so an epoch costs about one pass over the data, not a copy per sample.
 */
public final class TensorDataset implements Dataset {
    private final INDArray inputs;
    private final INDArray targets;
    private final int size;

    /**
     * @param inputs {@code [N, ...]}, rank ≥ 1
     * @param targets {@code [N]} or {@code [N, ...]}, the same {@code N}
     */
    public TensorDataset(INDArray inputs, INDArray targets) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() == 0 || targets.rank() == 0) {
            throw new IllegalArgumentException("inputs " + Arrays.toString(inputs.shape()) + " and targets "
                    + Arrays.toString(targets.shape()) + " must both have a sample axis (rank >= 1)");
        }
        if (inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("inputs " + Arrays.toString(inputs.shape()) + " hold "
                    + inputs.size(0) + " samples but targets " + Arrays.toString(targets.shape()) + " hold "
                    + targets.size(0) + "; axis 0 must match");
        }
        if (inputs.size(0) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("inputs hold " + inputs.size(0) + " samples; at most "
                    + (Integer.MAX_VALUE - 8) + " are supported");
        }
        this.inputs = Rows.contiguous(inputs);
        this.targets = Rows.contiguous(targets);
        this.size = (int) inputs.size(0);
    }

    /** The inputs array, {@code [N, ...]}; do not modify. */
    public INDArray inputs() {
        return inputs;
    }

    /** The targets array, {@code [N]} or {@code [N, ...]}; do not modify. */
    public INDArray targets() {
        return targets;
    }

    @Override
    public int size() {
        return size;
    }

    /** Copies of {@code inputs[index]} and {@code targets[index]} (rank-0 for {@code [N]} targets). */
    @Override
    public Sample get(int index) {
        Objects.checkIndex(index, size);
        int[] one = {index};
        return new Sample(dropSampleAxis(Rows.gather(inputs, one, 0, 1)),
                dropSampleAxis(Rows.gather(targets, one, 0, 1)));
    }

    @Override
    public Batch gather(int[] indices, int from, int count) {
        Objects.checkFromIndexSize(from, count, indices.length);
        if (count <= 0) {
            throw new IllegalArgumentException("count=" + count + " must be positive");
        }
        return new Batch(Rows.gather(inputs, indices, from, count), Rows.gather(targets, indices, from, count));
    }

    private static INDArray dropSampleAxis(INDArray oneRow) {
        long[] shape = Arrays.copyOfRange(oneRow.shape(), 1, oneRow.rank());
        return oneRow.reshape('c', shape);
    }

    @Override
    public String toString() {
        return "TensorDataset(inputs=" + Arrays.toString(inputs.shape()) + " " + inputs.dataType()
                + ", targets=" + Arrays.toString(targets.shape()) + " " + targets.dataType() + ")";
    }
}
