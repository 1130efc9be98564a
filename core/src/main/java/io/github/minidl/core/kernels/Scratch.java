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
    private static final Map<Key, ArrayDeque<Object>> FREE = new HashMap<>();

    /** Which pool a buffer belongs to: its kind, dtype and shape (a host buffer is one row). */
    private record Key(Kind kind, DataType type, long rows, long cols) {
        static Key host(DataType type, int length) {
            return new Key(Kind.HOST, type, 1, length);
        }

        static Key matrix(DataType type, long rows, long cols) {
            return new Key(Kind.MATRIX, type, rows, cols);
        }
    }

    /** A heap {@link HostBuffer} or an off-heap ND4J matrix. */
    private enum Kind { HOST, MATRIX }

    private Scratch() {
    }

    /** A host buffer of exactly {@code length} elements. */
    static HostBuffer host(DataType type, int length) {
        Object o = take(Key.host(type, length));
        return o != null ? (HostBuffer) o : HostBuffer.allocate(type, length);
    }

    /** A c-ordered off-heap matrix of the given shape. */
    static INDArray matrix(DataType type, long rows, long cols) {
        Object o = take(Key.matrix(type, rows, cols));
        return o != null ? (INDArray) o : Nd4j.create(type, rows, cols);
    }

    /** Returns buffers obtained from this class; null entries are ignored. */
    static void release(Object... buffers) {
        for (Object b : buffers) {
            if (b instanceof HostBuffer h) {
                give(Key.host(h.dataType(), h.length), h);
            } else if (b instanceof INDArray m) {
                give(Key.matrix(m.dataType(), m.size(0), m.size(1)), m);
            }
        }
    }

    private static synchronized Object take(Key key) {
        ArrayDeque<Object> free = FREE.get(key);
        return free == null ? null : free.poll();
    }

    private static synchronized void give(Key key, Object buffer) {
        ArrayDeque<Object> free = FREE.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (free.size() < KEEP_PER_SIZE) {
            free.push(buffer);
        }
    }
}
