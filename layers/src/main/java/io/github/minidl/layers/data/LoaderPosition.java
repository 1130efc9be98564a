package io.github.minidl.layers.data;

import io.github.minidl.layers.checkpoint.MetadataValues;
import java.util.Map;

/**
 * Where a {@link DataLoader} stands: the next batch it yields is batch {@code batch} of epoch
 * {@code epoch}. Saving it with a checkpoint and handing it to {@link DataLoader#seek} on resume
 * replays exactly the batches an uninterrupted run would have seen.
 *
 * @param epoch zero-based, non-negative
 * @param batch zero-based index within the epoch, non-negative
 */
public record LoaderPosition(int epoch, int batch) {
    /** Metadata key of the epoch in {@link #toMetadata()}. */
    public static final String EPOCH_KEY = "loader.epoch";
    /** Metadata key of the batch in {@link #toMetadata()}. */
    public static final String BATCH_KEY = "loader.batch";

    /** Rejects negative fields. */
    public LoaderPosition {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch=" + epoch + " must be non-negative");
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch=" + batch + " must be non-negative");
        }
    }

    /** The start of epoch 0. */
    public static LoaderPosition start() {
        return new LoaderPosition(0, 0);
    }

    /** The two fields as string metadata, e.g. for a checkpoint: {@code loader.epoch}, {@code loader.batch}. */
    public Map<String, String> toMetadata() {
        return Map.of(EPOCH_KEY, Integer.toString(epoch), BATCH_KEY, Integer.toString(batch));
    }

    /**
     * Reads the fields written by {@link #toMetadata()}.
     *
     * @throws IllegalArgumentException naming the key when it is missing or not an integer
     */
    public static LoaderPosition fromMetadata(Map<String, String> metadata) {
        return new LoaderPosition(MetadataValues.intValue(metadata, EPOCH_KEY),
                MetadataValues.intValue(metadata, BATCH_KEY));
    }
}
