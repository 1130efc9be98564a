package io.github.minidl.layers.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataValuesTest {
    private static final Map<String, String> M = Map.of("n", "12", "big", "4294967296", "x", "a", "list", "1.5,-2,0",
            "nan", "1,NaN", "inf", "Infinity", "empty", "");

    @Test
    void readsWhatIsWellFormed() {
        assertEquals(12, MetadataValues.intValue(M, "n"));
        assertEquals(4294967296L, MetadataValues.longValue(M, "big"));
        assertEquals(1.5, MetadataValues.finiteDouble(Map.of("v", "1.5"), "v"));
        assertArrayEquals(new double[] {1.5, -2, 0}, MetadataValues.finiteDoubles(M, "list"));
        assertArrayEquals(new double[0], MetadataValues.finiteDoubles(M, "empty"));
        assertArrayEquals(new double[0], MetadataValues.finiteDoubles(M, "absent"));
    }

    @Test
    void everyFailureNamesTheKeyAndTheValue() {
        assertMessage(() -> MetadataValues.longValue(M, "x"), "metadata 'x'=a is not an integer");
        assertMessage(() -> MetadataValues.intValue(M, "big"), "metadata 'big'=4294967296 does not fit an int");
        assertMessage(() -> MetadataValues.finiteDouble(M, "x"), "metadata 'x'=a is not a number");
        assertMessage(() -> MetadataValues.finiteDoubles(M, "nan"), "metadata 'nan'=1,NaN holds NaN");
        assertMessage(() -> MetadataValues.finiteDouble(M, "inf"), "metadata 'inf'=Infinity holds Infinity");
        assertMessage(() -> MetadataValues.longValue(M, "absent"), "metadata has no 'absent' entry");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable f, String expected) {
        var e = assertThrows(IllegalArgumentException.class, f);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
