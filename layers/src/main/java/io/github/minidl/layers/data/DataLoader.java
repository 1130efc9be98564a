package io.github.minidl.layers.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Cuts a {@link Dataset} into {@link Batch}es, epoch after epoch, like PyTorch's
 * {@code DataLoader} (single process).
 *
 * <p><b>Order.</b> Without shuffling an epoch visits samples {@code 0 … N−1}. With shuffling,
 * {@link #epochOrder(int)} is a Fisher–Yates permutation driven by
 * {@code new SplittableRandom(mix(seed, epoch))}: a pure function of seed and epoch, different in
 * every epoch, identical across runs, machines and thread counts.
 *
 * <p><b>Position.</b> The loader remembers the {@link LoaderPosition} of the next batch.
 * {@code for (Batch b : loader)} yields the rest of the current epoch and advances the position
 * batch by batch; when the epoch ends the position moves to the start of the next one, so each
 * such loop is one epoch with a new order. {@link #seek} restores a saved position, after which
 * iteration continues exactly as the saved run would have. {@link #epoch(int)} gives the batches of
 * any epoch without touching the position.
 *
 * <p>Each batch is a fresh pair of arrays gathered by bulk copies (see {@link Dataset#gather});
 * the dataset is never copied as a whole. Not thread-safe; one iteration at a time.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final DataLoaderOptions options;
    private final int batchesPerEpoch;
    private LoaderPosition position = LoaderPosition.start();
    private long generation;

    /**
     * @param dataset non-empty
     * @param options batch size, shuffling and drop-last
     * @throws IllegalArgumentException when an epoch would yield no batch
     */
    public DataLoader(Dataset dataset, DataLoaderOptions options) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        int n = dataset.size();
        if (n <= 0) {
            throw new IllegalArgumentException("dataset " + dataset + " has size=" + n + "; it must hold at least one sample");
        }
        int bs = options.batchSize();
        this.batchesPerEpoch = options.dropLast() ? n / bs : (int) ((n + (long) bs - 1) / bs);
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("batchSize=" + bs + " exceeds the dataset size=" + n
                    + " with dropLast, so no batch would ever be produced; lower batchSize or keep the last batch");
        }
    }

    /** Sequential, unshuffled batches of {@code batchSize}, keeping the last partial batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, DataLoaderOptions.batchSize(batchSize));
    }

    /** The dataset batched. */
    public Dataset dataset() {
        return dataset;
    }

    /** The options in use. */
    public DataLoaderOptions options() {
        return options;
    }

    /** Batches per epoch: {@code floor(N / B)} with drop-last, else {@code ceil(N / B)}. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The position of the next batch that iterating this loader yields. */
    public LoaderPosition position() {
        return position;
    }

    /**
     * Moves to {@code position} (e.g. one saved in a checkpoint); a batch index equal to
     * {@link #batchesPerEpoch()} means the start of the next epoch. Invalidates running iterations.
     *
     * @throws IllegalArgumentException if {@code position.batch() > batchesPerEpoch()}
     */
    public void seek(LoaderPosition position) {
        Objects.requireNonNull(position, "position");
        if (position.batch() > batchesPerEpoch) {
            throw new IllegalArgumentException("position batch=" + position.batch() + " exceeds batchesPerEpoch="
                    + batchesPerEpoch + " (dataset size=" + dataset.size() + ", batchSize=" + options.batchSize() + ")");
        }
        this.position = normalise(position.epoch(), position.batch());
        generation++;
    }

    /**
     * The order in which epoch {@code epoch} visits the samples: a permutation of {@code 0 … N−1},
     * a pure function of {@code (seed, epoch)} (the identity without shuffling). A new array each call.
     */
    public int[] epochOrder(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch=" + epoch + " must be non-negative");
        }
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (options.shuffle()) {
            SplittableRandom random = new SplittableRandom(mix(options.seed(), epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** All batches of epoch {@code epoch}, independent of this loader's position. */
    public Iterable<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of epoch {@code epoch} from batch {@code fromBatch} on, independent of the position. */
    public Iterable<Batch> epoch(int epoch, int fromBatch) {
        if (fromBatch < 0 || fromBatch > batchesPerEpoch) {
            throw new IllegalArgumentException("fromBatch=" + fromBatch + " must be in [0, " + batchesPerEpoch + "]");
        }
        int[] order = epochOrder(epoch);
        return () -> new Batches(order, fromBatch, null);
    }

    /**
     * The rest of the current epoch from {@link #position()}, advancing the position as batches are
     * taken. Starting a new iteration invalidates the previous one (its next call throws
     * {@link IllegalStateException}).
     */
    @Override
    public Iterator<Batch> iterator() {
        generation++;
        return new Batches(epochOrder(position.epoch()), position.batch(), this);
    }

    private LoaderPosition normalise(int epoch, int batch) {
        if (batch < batchesPerEpoch) {
            return new LoaderPosition(epoch, batch);
        }
        if (epoch == Integer.MAX_VALUE) {
            throw new IllegalStateException("epoch counter overflow at epoch=" + epoch);
        }
        return new LoaderPosition(epoch + 1, 0);
    }

    /** A 64-bit finaliser (Stafford's variant 13 of MurmurHash3's) of seed and epoch. */
    static long mix(long seed, int epoch) {
        long z = seed ^ stafford13(0x9E3779B97F4A7C15L * (epoch + 1L));
        return stafford13(z);
    }

    private static long stafford13(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Batches of one epoch; when {@code owner} is set, it also advances the owner's position. */
    private final class Batches implements Iterator<Batch> {
        private final int[] order;
        private final DataLoader owner;
        private final long ownerGeneration;
        private final int epoch;
        private int next;

        Batches(int[] order, int fromBatch, DataLoader owner) {
            this.order = order;
            this.next = fromBatch;
            this.owner = owner;
            this.ownerGeneration = owner == null ? 0 : owner.generation;
            this.epoch = owner == null ? -1 : owner.position.epoch();
        }

        @Override
        public boolean hasNext() {
            checkOwner();
            return next < batchesPerEpoch;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch has " + batchesPerEpoch + " batches");
            }
            int from = next * options.batchSize();
            int count = Math.min(options.batchSize(), order.length - from);
            Batch batch = dataset.gather(order, from, count);
            next++;
            if (owner != null) {
                owner.position = owner.normalise(epoch, next);
            }
            return batch;
        }

        private void checkOwner() {
            if (owner != null && owner.generation != ownerGeneration) {
                throw new IllegalStateException("the loader was repositioned or iterated anew while this iteration was running; use one iteration at a time");
            }
        }
    }
}
