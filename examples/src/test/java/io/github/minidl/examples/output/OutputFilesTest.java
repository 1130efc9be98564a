package io.github.minidl.examples.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheOldFileNamesItAndLeavesNoTemporary() throws IOException {
        Path file = Files.writeString(dir.resolve("history.csv"), "old");
        var e = assertThrows(IOException.class, () -> OutputFiles.writeAtomically(file, tmp -> {
            Files.writeString(tmp, "half of the ");
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + file + ": IOException: No space left on device", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), files());
        OutputFiles.writeAtomically(file, tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void directoriesAreCreatedAndFilesInTheWayNamed() throws IOException {
        Path nested = dir.resolve("a").resolve("b");
        OutputFiles.requireWritableDirectory("--out", nested);
        assertTrue(Files.isDirectory(nested));
        assertEquals(List.of(), files(nested), "the probe is removed");
        Path file = Files.writeString(dir.resolve("f"), "x");
        var e = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.requireWritableDirectory("--out", file.resolve("x").resolve("y")));
        assertEquals("--out=" + file.resolve("x").resolve("y") + ": " + file + " is a file; it must be a directory",
                e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> OutputFiles.requireWritableFile("--checkpoint", dir));
        assertTrue(f.getMessage().contains("is a directory; it must name a file"), f.getMessage());
    }

    @Test
    void aLockIsExclusiveUntilClosed() throws IOException {
        Path lock = dir.resolve(".minidl.lock");
        try (OutputLock first = OutputLock.acquire(List.of(lock), List.of("--out=x"))) {
            var e = assertThrows(IllegalStateException.class, () -> OutputLock.acquire(List.of(lock), List.of("--out=x")));
            assertTrue(e.getMessage().startsWith("--out=x is in use by another minidl run"), e.getMessage());
        }
        OutputLock.acquire(List.of(lock), List.of("--out=x")).close();
    }

    private List<Path> files() throws IOException {
        return files(dir);
    }

    private static List<Path> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
