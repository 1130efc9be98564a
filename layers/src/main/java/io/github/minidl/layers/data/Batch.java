package io.github.minidl.layers.data;

import io.github.minidl.core.kernels.NativeMemory;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of samples stacked along a new first axis; the arrays belong to the caller (a loader
 * never reuses or overwrites them). A training loop should {@link #close} each batch once its step
 * is done: the arrays live off the Java heap and would otherwise wait for a garbage collection.
 *
 * @param inputs {@code [B, ...]}
 * @param targets {@code [B]} or {@code [B, ...]}
 */
public record Batch(INDArray inputs, INDArray targets) implements AutoCloseable {
    /** Rejects null arrays and differing sample counts. */
    public Batch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("inputs " + java.util.Arrays.toString(inputs.shape())
                    + " and targets " + java.util.Arrays.toString(targets.shape())
                    + " must have the same size on axis 0 (the batch axis)");
        }
    }

    /** The number of samples, {@code B}. */
    public int size() {
        return (int) inputs.size(0);
    }

    /**
     * Frees the arrays' native memory now; read nothing from them afterwards. A view into a
     * larger array (nothing of its own to free) is left alone.
     */
    @Override
    public void close() {
        NativeMemory.free(inputs);
        NativeMemory.free(targets);
    }
}
