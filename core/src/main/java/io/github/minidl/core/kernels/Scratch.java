package io.github.minidl.core.kernels;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reusable work buffers for the kernels, on and off the heap, so that a training loop does not
 * allocate (and the garbage collector free) megabytes of im2col matrices at every step.
 * Buffers are handed out by (dtype, size) and must be returned with {@link #release}; a few of
 * each size are kept, the rest left to the collector. Contents are not cleared.
 */
final class Scratch {
    /** Enough for a few buffers of one size on every worker at once. */
    private static final int KEEP_PER_SIZE = 4 * (1 + Runtime.getRuntime().availableProcessors());
    private static final Map<String, ArrayDeque<Object>> FREE = new HashMap<>();

    private Scratch() {
    }

    /** A host buffer of exactly {@code length} elements. */
    static HostBuffer host(DataType type, int length) {
        Object o = take("h" + type + ":" + length);
        return o != null ? (HostBuffer) o : HostBuffer.allocate(type, length);
    }

    /** A c-ordered off-heap matrix of the given shape. */
    static INDArray matrix(DataType type, long rows, long cols) {
        Object o = take("m" + type + ":" + rows + "x" + cols);
        return o != null ? (INDArray) o : Nd4j.create(type, rows, cols);
    }

    /** Returns buffers obtained from this class; null entries are ignored. */
    static void release(Object... buffers) {
        for (Object b : buffers) {
            if (b instanceof HostBuffer h) {
                give("h" + h.dataType() + ":" + h.length, h);
            } else if (b instanceof INDArray m) {
                give("m" + m.dataType() + ":" + m.size(0) + "x" + m.size(1), m);
            }
        }
    }

    private static synchronized Object take(String key) {
        ArrayDeque<Object> free = FREE.get(key);
        return free == null ? null : free.poll();
    }

    private static synchronized void give(String key, Object buffer) {
        ArrayDeque<Object> free = FREE.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (free.size() < KEEP_PER_SIZE) {
            free.push(buffer);
        }
    }
}
