package io.github.minidl.core.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    /**
     * With the system property {@code minidl.poisonUninitialized=true} (the test suites set it),
     * {@link #uninitialized} arrays start as NaN (bytes as 255), so a kernel that leaves part of its output
     * unwritten shows up as NaN instead of as whatever the memory held.
     */
    private static final boolean POISON = Boolean.getBoolean("minidl.poisonUninitialized");

    private NativeMemory() {
    }

    /** True when freeing {@code a} would free memory: not null, not freed yet, and not a partial view. */
    public static boolean owns(INDArray a) {
        return a != null && !a.wasClosed() && a.closeable();
    }

    /** Frees {@code a}'s memory now when it owns some; null, views and freed arrays are ignored. */
    public static void free(INDArray a) {
        if (owns(a)) {
            close(a.data(), a::close);
        }
    }

    /**
     * A new c-ordered float32, float64 or unsigned-byte array whose memory is not cleared, for an
     * output about to be overwritten whole: libnd4j zero-fills every buffer it allocates, an extra
     * write of the whole array that also page-faults fresh memory in. Other types come from ND4J
     * as usual. Freed by {@link #free} (or the garbage collector) like any array.
     */
    public static INDArray uninitialized(DataType type, long... shape) {
        long length = 1;
        for (long d : shape) {
            length = Math.multiplyExact(length, d);
        }
        if (length == 0 || (type != DataType.FLOAT && type != DataType.DOUBLE && type != DataType.UBYTE)) {
            return Nd4j.createUninitialized(type, shape);
        }
        Pointer memory = type == DataType.FLOAT ? new FloatPointer(length)
                : type == DataType.DOUBLE ? new DoublePointer(length) : new BytePointer(length);
        if (memory.isNull()) {
            throw new OutOfMemoryError("cannot allocate " + length + " " + type + " elements off the heap");
        }
        Indexer indexer = type == DataType.FLOAT ? FloatIndexer.create((FloatPointer) memory)
                : type == DataType.DOUBLE ? DoubleIndexer.create((DoublePointer) memory)
                : UByteIndexer.create((BytePointer) memory);
        INDArray a = Nd4j.create(Nd4j.createBuffer(memory, type, length, indexer), shape);
        return POISON ? a.assign(type == DataType.UBYTE ? 255 : Double.NaN) : a;
    }

    /**
     * Closes {@code buffer} through {@code closer} and, for one {@link #uninitialized} made,
     * releases its memory too: ND4J treats such memory as lent to it and leaves it to the
     * pointer's owner.
     */
    private static void close(DataBuffer buffer, Runnable closer) {
        Pointer memory = buffer.pointer();
        closer.run();
        if (memory != null) {
            // A no-op for ND4J's own buffers, whose pointers carry no deallocator.
            memory.deallocate();
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
            close(a.data(), a::close);
            return;
        }
        DataBuffer base = a.data().originalDataBuffer() != null ? a.data().originalDataBuffer() : a.data();
        if (!base.wasClosed() && base.closeable()) {
            close(base, base::close);
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
