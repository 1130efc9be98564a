package io.github.minidl.examples.train;

import io.github.minidl.core.Threads;
import org.nd4j.linalg.factory.Nd4j;

/** Sets the number of threads of minidl's kernels and of ND4J's native ops and BLAS together. */
public final class ThreadSettings {
    private ThreadSettings() {
    }

    /** Uses {@code threads} threads everywhere (the equivalent of OMP_NUM_THREADS for ND4J). */
    public static void apply(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads=" + threads + " must be at least 1");
        }
        Threads.set(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
