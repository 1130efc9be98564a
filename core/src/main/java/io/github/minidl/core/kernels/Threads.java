package io.github.minidl.core.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The worker threads minidl's kernels split their batches over. Defaults to the number of
 * available processors; {@link #set(int)} changes it (results do not depend on it except for the
 * order of floating-point sums in weight gradients, see the README).
 */
public final class Threads {
    private static volatile int count = Runtime.getRuntime().availableProcessors();
    private static volatile ExecutorService pool;

    private Threads() {
    }

    /** Number of worker threads kernels use. */
    public static int count() {
        return count;
    }

    /** Sets the number of worker threads (at least 1). */
    public static synchronized void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads=" + threads + " must be at least 1");
        }
        if (threads != count && pool != null) {
            pool.shutdown();
            pool = null;
        }
        count = threads;
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(count, r -> {
                Thread t = new Thread(r, "minidl-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** A body that processes items [from, to) as worker {@code worker}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int from, int to);
    }

    /**
     * Splits [0, items) into at most {@link #count()} contiguous chunks and runs them in parallel;
     * returns the number of workers used. Chunk w always covers the same items for the same item
     * and thread counts, so results are reproducible.
     */
    public static int forRange(int items, RangeBody body) {
        int workers = Math.max(1, Math.min(count, items));
        if (workers == 1) {
            body.run(0, 0, items);
            return 1;
        }
        List<Future<?>> futures = new ArrayList<>(workers);
        ExecutorService p = pool();
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            futures.add(p.submit(() -> body.run(worker, chunkStart(items, workers, worker),
                    chunkStart(items, workers, worker + 1))));
        }
        body.run(0, 0, chunkStart(items, workers, 1));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
        return workers;
    }

    /** Number of workers {@link #forRange} uses for this many items. */
    public static int workersFor(int items) {
        return Math.max(1, Math.min(count, items));
    }

    private static int chunkStart(int items, int workers, int w) {
        return (int) ((long) items * w / workers);
    }
}
