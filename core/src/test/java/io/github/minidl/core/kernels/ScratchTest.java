package io.github.minidl.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A returned buffer is handed out again only for the same kind, dtype and shape. */
class ScratchTest {
    // Sizes no kernel in the suite asks for, so other tests' buffers do not interfere.
    private static final int LENGTH = 12_347;

    @Test
    void hostBufferComesBackForItsDtypeAndLengthOnly() {
        HostBuffer f = Scratch.host(DataType.FLOAT, LENGTH);
        Scratch.release(f);
        HostBuffer d = Scratch.host(DataType.DOUBLE, LENGTH);
        assertEquals(DataType.DOUBLE, d.dataType());
        HostBuffer shorter = Scratch.host(DataType.FLOAT, LENGTH - 1);
        assertEquals(LENGTH - 1, shorter.length);
        assertSame(f, Scratch.host(DataType.FLOAT, LENGTH));
        Scratch.release(d, shorter);
    }

    @Test
    void matrixComesBackForItsShapeOnly() {
        INDArray m = Scratch.matrix(DataType.FLOAT, 7, 13);
        Scratch.release(m);
        INDArray transposed = Scratch.matrix(DataType.FLOAT, 13, 7);
        assertNotSame(m, transposed);
        HostBuffer sameCount = Scratch.host(DataType.FLOAT, 7 * 13);
        assertEquals(7 * 13, sameCount.length);
        assertSame(m, Scratch.matrix(DataType.FLOAT, 7, 13));
        Scratch.release(transposed, sameCount, null);
    }
}
