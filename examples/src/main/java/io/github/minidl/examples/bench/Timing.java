package io.github.minidl.examples.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Medians of repeated runs after warm-up, with heap allocation per run and the process's peak RSS. */
public final class Timing {
    private Timing() {
    }

    /** Median and minimum wall time in ms, and heap bytes allocated per run by the calling thread. */
    public record Stats(double medianMs, double minMs, long allocatedBytes) {
    }

    /**
     * How long to run before timing: at least {@code runs} repetitions, and more until
     * {@code seconds} have passed. The JVM compiles minidl's Java code (autograd, the calls into
     * the engine) over the first few hundred training steps, and on two cores its compiler threads
     * take time from the step while it does; a run of many steps lives in the compiled state.
     */
    public record Warmup(int runs, double seconds) {
        /** Repetitions only, no minimum time. */
        public static Warmup runs(int runs) {
            return new Warmup(runs, 0);
        }
    }

    /** Runs {@code body} for the warm-up, then {@code reps} timed times. */
    public static Stats measure(Runnable body, Warmup warmup, int reps) {
        long until = System.nanoTime() + (long) (warmup.seconds() * 1e9);
        for (int i = 0; i < warmup.runs() || System.nanoTime() < until; i++) {
            body.run();
        }
        double[] ms = new double[reps];
        long allocatedBefore = allocatedBytes();
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        long allocated = (allocatedBytes() - allocatedBefore) / Math.max(1, reps);
        Arrays.sort(ms);
        double median = reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
        return new Stats(median, ms[0], allocated);
    }

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /** Peak resident set size of this process in MiB (VmHWM), or -1 where /proc is unavailable. */
    public static double peakRssMiB() {
        return procStatus("VmHWM:");
    }

    /** Current resident set size of this process in MiB (VmRSS), or -1 where /proc is unavailable. */
    public static double rssMiB() {
        return procStatus("VmRSS:");
    }

    private static double procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
