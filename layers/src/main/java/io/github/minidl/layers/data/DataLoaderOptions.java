package io.github.minidl.layers.data;

/**
 * How a {@link DataLoader} batches: batch size, seeded shuffling, and whether a last, smaller
 * batch is dropped. Build with {@code DataLoaderOptions.batchSize(64).shuffle(seed).withDropLast()}.
 *
 * @param batchSize samples per batch, positive
 * @param shuffle whether each epoch uses a fresh permutation (otherwise the dataset order)
 * @param seed the shuffling seed; epoch {@code e}'s order depends only on {@code (seed, e)}
 * @param dropLast whether a final batch smaller than {@code batchSize} is left out
 */
public record DataLoaderOptions(int batchSize, boolean shuffle, long seed, boolean dropLast) {
    /** Rejects a non-positive batch size. */
    public DataLoaderOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be positive");
        }
    }

    /** Sequential batches of {@code batchSize}, keeping the last partial batch. */
    public static DataLoaderOptions batchSize(int batchSize) {
        return new DataLoaderOptions(batchSize, false, 0L, false);
    }

    /** The same options, shuffled each epoch from {@code seed}. */
    public DataLoaderOptions shuffle(long seed) {
        return new DataLoaderOptions(batchSize, true, seed, dropLast);
    }

    /** The same options, dropping a last batch smaller than {@code batchSize}. */
    public DataLoaderOptions withDropLast() {
        return new DataLoaderOptions(batchSize, shuffle, seed, true);
    }
}
