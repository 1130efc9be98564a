package io.github.minidl.testing;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.opentest4j.AssertionFailedError;

class ArrayAssertTest {
    /** INDArray.equals tolerates 1e-5; a bit comparison must not. */
    @Test
    void bitEqualCatchesWhatEqualsTolerates() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.createFromArray(1.0, 2.0, 3.0).castTo(t);
            INDArray b = a.dup();
            b.putScalar(1, 2.0 + 1e-6);
            assertTrue(a.equals(b), "INDArray.equals tolerates the difference");
            var e = assertThrows(AssertionFailedError.class, () -> assertBitEqual(a, b, "x"));
            assertTrue(e.getMessage().contains("element 1 (index [1]) differs in its bits"), e.getMessage());
            assertBitEqual(a, a.dup(), "a copy");
        }
    }

    @Test
    void signedZerosDtypesShapesAndKeysCount() {
        INDArray zero = Nd4j.createFromArray(0.0);
        assertThrows(AssertionFailedError.class, () -> assertBitEqual(zero, zero.neg(), "signed zero"));
        INDArray x = Nd4j.createFromArray(1f, 2f);
        assertThrows(AssertionFailedError.class, () -> assertBitEqual(x, x.castTo(DataType.DOUBLE), "dtype"));
        assertThrows(AssertionFailedError.class, () -> assertBitEqual(x, x.reshape(2, 1), "shape"));
        assertThrows(AssertionFailedError.class,
                () -> assertBitEqual(Map.of("a", x), Map.of("b", x), "keys"));
        assertBitEqual(Map.of("a", x, "b", zero), Map.of("b", zero.dup(), "a", x.dup()), "same entries");
    }
}
