package io.github.minidl.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link HostBuffer#doubles}: c-order values of views too, freeing its own copy and nothing else. */
class HostBufferTest {
    @Test
    void doublesOfAViewAreItsValuesInCOrderAndTheViewSurvives() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray base = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {3, 4}, type);
            assertTrue(NativeMemory.owns(base), "the test needs an array that owns its memory");
            INDArray view = base.transpose(); // [4, 3], not c-contiguous: doubles reads a copy
            double[] expected = {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12};
            assertArrayEquals(expected, HostBuffer.doubles(view), 0, type.toString());
            // The copy was freed, not the array it came from.
            assertArrayEquals(expected, view.dup('c').data().asDouble(), 0, type + " after");
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, base.data().asDouble(), 0);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, HostBuffer.doubles(base), 0);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, base.data().asDouble(), 0,
                    type + ": a contiguous array is read in place and kept");
        }
    }
}
