package io.github.minidl.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Which arrays own memory, when they are freed, and which share memory. */
class NativeMemoryTest {

    @Test
    void freesAnArrayThatOwnsItsMemoryOnce() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertTrue(NativeMemory.owns(a));
        NativeMemory.free(a);
        assertTrue(a.wasClosed());
        assertFalse(NativeMemory.owns(a));
        NativeMemory.free(a);
        NativeMemory.free(null);
    }

    @Test
    void aViewOwnsNothingAndFreeingItLeavesItsBase() {
        INDArray base = Nd4j.rand(DataType.DOUBLE, 4, 6).dup('c');
        for (INDArray view : new INDArray[] {base.reshape(6, 4), base.get(NDArrayIndex.point(2)),
            base.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3))}) {
            assertFalse(NativeMemory.owns(view), view.shapeInfoToString());
            NativeMemory.free(view);
            assertFalse(base.wasClosed(), "freeing a view must not free the array it looks into");
            assertTrue(NativeMemory.sharesMemory(view, base), view.shapeInfoToString());
            assertTrue(NativeMemory.sharesMemory(base, view));
        }
        assertTrue(NativeMemory.sharesMemory(base.reshape(24), base.get(NDArrayIndex.point(3))), "two views of one base");
    }

    @Test
    void aTransposeLooksLikeItsBaseSoOnlySharingTellsThemApart() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 3, 5).dup('c');
        INDArray t = base.transpose();
        // ND4J reports a whole-array permutation as closeable: freeing it would free the base.
        assertTrue(NativeMemory.sharesMemory(t, base));
        NativeMemory.freeUnlessShared(t, base);
        assertFalse(base.wasClosed());
        assertEquals(base.getDouble(1, 4), t.getDouble(4, 1), 0.0);
    }

    @Test
    void copiesAndSeparateArraysShareNothing() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 5);
        assertTrue(NativeMemory.sharesMemory(a, a));
        assertFalse(NativeMemory.sharesMemory(a, a.dup()));
        assertFalse(NativeMemory.sharesMemory(a, Nd4j.rand(DataType.FLOAT, 5)));
        assertFalse(NativeMemory.sharesMemory(a, null));
        assertFalse(NativeMemory.sharesMemory(null, a));
    }

    @Test
    void freeUnlessSharedKeepsAResultThatIsItsInputAndFreesACopy() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray same = x.castTo(DataType.FLOAT);
        assertSame(x, same, "castTo the same type returns the array itself");
        NativeMemory.freeUnlessShared(same, x);
        assertFalse(x.wasClosed(), "the input is still in use");
        INDArray copy = x.castTo(DataType.DOUBLE);
        NativeMemory.freeUnlessShared(copy, x);
        assertTrue(copy.wasClosed(), "a copy is dead once read");
        INDArray view = x.reshape(3, 2);
        NativeMemory.freeUnlessShared(x, view);
        assertFalse(x.wasClosed());
        assertEquals(6, view.length());
    }

    @Test
    void uninitializedArraysWorkAsArraysAndGiveTheirMemoryBack() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.UBYTE}) {
            INDArray a = NativeMemory.uninitialized(type, 3, 4);
            assertEquals(type, a.dataType());
            assertEquals('c', a.ordering());
            assertArrayEquals(new long[] {3, 4}, a.shape());
            a.assign(2);
            INDArray b = a.mul(a.transpose().transpose());
            assertEquals(48.0, b.sumNumber().doubleValue(), type.toString());
            Pointer memory = a.data().pointer();
            assertTrue(NativeMemory.owns(a));
            NativeMemory.free(a);
            assertTrue(a.wasClosed());
            assertTrue(memory.isNull(), type + ": the memory went back");
            NativeMemory.free(a);
        }
        // A full view frees its base, as ND4J's own arrays do.
        INDArray base = NativeMemory.uninitialized(DataType.FLOAT, 2, 5);
        Pointer memory = base.data().pointer();
        NativeMemory.freeBlock(base.reshape(10).get(NDArrayIndex.interval(0, 3)));
        assertTrue(memory.isNull(), "freeBlock of a partial view");
        assertEquals(DataType.INT, NativeMemory.uninitialized(DataType.INT, 2).dataType());
        assertEquals(0, NativeMemory.uninitialized(DataType.FLOAT, 0, 3).length());
    }

    @Test
    void theTestSuitesPoisonUninitializedArrays() {
        // The safety net the pom sets: kernels that leave part of an output unwritten fail here.
        assertTrue(Boolean.getBoolean("minidl.poisonUninitialized"), "minidl.poisonUninitialized is not set");
        INDArray a = NativeMemory.uninitialized(DataType.FLOAT, 4, 5);
        assertTrue(a.isNaN().all(), "an uninitialized array starts as NaN");
        NativeMemory.free(a);
    }
}
