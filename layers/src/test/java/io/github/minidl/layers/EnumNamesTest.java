package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnumNamesTest {
    @Test
    void exactMatchesTheNameAsWritten() {
        assertEquals(TimeUnit.SECONDS, EnumNames.exact(TimeUnit.class, "SECONDS"));
        assertNull(EnumNames.exact(TimeUnit.class, "seconds"));
        assertNull(EnumNames.exact(TimeUnit.class, "FORTNIGHTS"));
        assertNull(EnumNames.exact(TimeUnit.class, null));
    }

    @Test
    void ignoringCaseMatchesAnyCase() {
        assertEquals(TimeUnit.SECONDS, EnumNames.ignoringCase(TimeUnit.class, "seconds"));
        assertEquals(TimeUnit.MILLISECONDS, EnumNames.ignoringCase(TimeUnit.class, "MilliSeconds"));
        assertNull(EnumNames.ignoringCase(TimeUnit.class, "second"));
        assertNull(EnumNames.ignoringCase(TimeUnit.class, null));
    }
}
