package io.github.minidl.layers.data;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An indexable collection of (input, target) samples. */
public interface Dataset {

    /** The number of samples. */
    int size();

    /**
     * Sample {@code index}, without the sample axis.
     *
     * @param index in {@code [0, size())}
     * @throws IndexOutOfBoundsException naming the index and size
     */
    Sample get(int index);

    /**
     * Stacks samples {@code indices[from], …, indices[from + count − 1]} into a new batch.
     * The default stacks {@link #get} results; array-backed datasets override it with bulk copies.
     *
     * @param count positive
     */
    default Batch gather(int[] indices, int from, int count) {
        Objects.checkFromIndexSize(from, count, indices.length);
        if (count <= 0) {
            throw new IllegalArgumentException("count=" + count + " must be positive");
        }
        INDArray[] inputs = new INDArray[count];
        INDArray[] targets = new INDArray[count];
        for (int k = 0; k < count; k++) {
            Sample s = get(indices[from + k]);
            inputs[k] = s.input();
            targets[k] = s.target();
        }
        return new Batch(Nd4j.stack(0, inputs), Nd4j.stack(0, targets));
    }
}
