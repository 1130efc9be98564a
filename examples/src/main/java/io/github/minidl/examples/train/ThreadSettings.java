package io.github.minidl.examples.train;

import io.github.minidl.core.kernels.Threads;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/** Sets the number of threads of minidl's kernels and of ND4J's native ops and BLAS together. */
public final class ThreadSettings {
    /** More workers than this many per core only add switching (and each holds a native stack). */
    static final int PER_CORE = 4;

    /** The help text of every command's {@code --threads}, which {@link #apply} carries out. */
    public static final String OPTION_DESCRIPTION = "Threads for minidl's kernels and ND4J (default: all cores).";

    private ThreadSettings() {
    }

    /** The largest thread count accepted on this machine: {@value #PER_CORE} per core. */
    public static int maximum() {
        return PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Checks a thread count given as {@code option} before any work starts.
     *
     * @throws IllegalArgumentException naming the option, the value and the allowed range
     */
    public static int check(String option, int threads) {
        if (threads < 1 || threads > maximum()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s=%d must lie in [1, %d] (at most %d per core; this machine has %d cores)",
                    option, threads, maximum(), PER_CORE, Runtime.getRuntime().availableProcessors()));
        }
        return threads;
    }

    /**
     * Uses {@code threads} threads everywhere: minidl's workers (and with them oneDNN's OpenMP
     * threads), ND4J's master threads and its BLAS. ND4J's own count of native threads cannot go
     * below the one it started with (OMP_NUM_THREADS sets that before the JVM starts); asking
     * costs nothing.
     */
    public static void apply(int threads) {
        check("threads", threads);
        Threads.set(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
