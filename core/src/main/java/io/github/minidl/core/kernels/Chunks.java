package io.github.minidl.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Splits work on consecutive planes over the {@link Threads} workers, and each
 * worker's share into chunks small enough that a chunk's heap copies stay in the core's cache
 * while a kernel reads and writes them. Each worker takes its heap buffers once per call.
 * Internal to core: public only for the pooling kernels.
 */
public final class Chunks {
    /** About this many elements per chunk (128 KiB of float32). */
    static final int ELEMENTS = 1 << 15;

    private Chunks() {
    }

    /** A chunk's work: items [from, from + count), with the worker's buffers. */
    @FunctionalInterface
    public interface ChunkWork {
        void run(int from, int count, HostBuffer[] buffers);
    }

    /**
     * Runs {@code body} over [0, planes) in chunks of whole planes of {@code planeSize} elements;
     * buffer k holds {@code perPlane[k]} elements for each plane of a chunk.
     */
    public static void forPlanes(DataType type, int planes, int planeSize, int[] perPlane, ChunkWork body) {
        int perChunk = Math.max(1, ELEMENTS / Math.max(1, planeSize));
        Threads.forRange(planes, (worker, from, to) -> {
            int most = Math.min(perChunk, to - from);
            HostBuffer[] buffers = new HostBuffer[perPlane.length];
            for (int k = 0; k < buffers.length; k++) {
                buffers[k] = Scratch.host(type, most * perPlane[k]);
            }
            try {
                for (int p = from; p < to; p += perChunk) {
                    body.run(p, Math.min(perChunk, to - p), buffers);
                }
            } finally {
                Scratch.release((Object[]) buffers);
            }
        });
    }
}
