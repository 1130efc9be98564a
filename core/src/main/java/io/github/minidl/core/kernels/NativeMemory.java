package io.github.minidl.core.kernels;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place that frees ND4J arrays and decides whether two arrays share memory. ND4J keeps
 * array values off the Java heap and, left alone, frees them only after the garbage collector has
 * found the tiny Java wrapper dead; wrappers that reach the old generation may wait for a
 * collection that never comes, so every array a computation makes for its own use is freed here
 * as soon as it is dead. Views that are slices or reshapes own nothing, and freeing one does
 * nothing; but ND4J cannot tell a view that covers all of its base (a transpose, a permute) from
 * the base, and freeing it frees the base. So a result that may be its input or a view of it is
 * freed through {@link #freeUnlessShared}, which asks {@link #sharesMemory} first.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** True when freeing {@code a} would free memory: not null, not freed yet, and not a partial view. */
    public static boolean owns(INDArray a) {
        return a != null && !a.wasClosed() && a.closeable();
    }

    /** Frees {@code a}'s memory now when it owns some; null, views and freed arrays are ignored. */
    public static void free(INDArray a) {
        if (owns(a)) {
            a.close();
        }
    }

    /**
     * Frees the whole block of memory {@code a} reads, even when {@code a} is a view: for a
     * result that is a view of a temporary its maker made (a sum reshaped to drop its reduced
     * axes), whose base nobody else holds. Never for a view of anything still in use.
     */
    public static void freeBlock(INDArray a) {
        if (a == null || a.wasClosed()) {
            return;
        }
        if (a.closeable()) {
            a.close();
            return;
        }
        DataBuffer base = a.data().originalDataBuffer() != null ? a.data().originalDataBuffer() : a.data();
        if (!base.wasClosed() && base.closeable()) {
            base.close();
        }
    }

    /**
     * Frees {@code temporary} unless it shares memory with {@code kept}: for the result of a step
     * that may return its input itself or a view of it ({@code castTo} to the same type,
     * {@code reshape}), so the caller need not know which happened.
     */
    public static void freeUnlessShared(INDArray temporary, INDArray kept) {
        if (!sharesMemory(temporary, kept)) {
            free(temporary);
        }
    }

    /**
     * True when a and b read the same block of memory: the same array, one a view of the other, or
     * two views of one base. Null shares nothing.
     */
    public static boolean sharesMemory(INDArray a, INDArray b) {
        return a != null && b != null && (a == b || block(a) == block(b));
    }

    /**
     * An identifier of the memory block under {@code a}, equal for an array and all its views;
     * for bookkeeping that must outlive the arrays (sets of blocks still in use).
     */
    public static long block(INDArray a) {
        return a.data().address();
    }
}
