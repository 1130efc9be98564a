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

    /** Runs {@code body} {@code warmup} times, then {@code reps} timed times. */
    public static Stats measure(Runnable body, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) {
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
