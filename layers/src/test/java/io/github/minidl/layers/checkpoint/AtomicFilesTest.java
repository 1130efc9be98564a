package io.github.minidl.layers.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void replacesTheTargetWithTheWholeNewContent() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, new byte[] {1, 2, 3});
        AtomicFiles.write(f, out -> out.write(new byte[] {4, 5}));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void aBodyFailingHalfWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, new byte[] {1, 2, 3});
        var e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[1 << 17]); // past the buffer: some bytes reach the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of(f), files());
    }
}
