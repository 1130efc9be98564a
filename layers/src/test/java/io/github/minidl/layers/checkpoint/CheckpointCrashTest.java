package io.github.minidl.layers.checkpoint;

import static io.github.minidl.layers.checkpoint.Fixtures.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A write that dies half-way never leaves a target that loads as something it is not. */
class CheckpointCrashTest {
    private static final Logger log = LoggerFactory.getLogger(CheckpointCrashTest.class);
    /** How long one writer JVM may run before it is killed regardless. */
    private static final long CHILD_SECONDS = 45;

    @TempDir
    Path dir;

    /** Passes {@code limit} bytes, then fails like a full disk or a dying process. */
    private static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long limit) {
            super(out);
            left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("simulated failure: device full");
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    private List<Path> leftovers() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "fails after {0} bytes")
    @ValueSource(longs = {0, 1, 30, 100, 700, 1500, 3000})
    void aFailedOverwriteKeepsTheOldFileAndLeavesNoTemporary(long limit) throws IOException {
        Path file = dir.resolve("model.ckpt");
        CheckpointContent old = Fixtures.small(1);
        Checkpoint.save(file, old);
        byte[] oldBytes = Files.readAllBytes(file);
        CheckpointContent next = Fixtures.small(2);

        var e = assertThrows(IOException.class, () -> Checkpoint.save(file, next, out -> new FailAfter(out, limit)));
        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());

        assertArrayEquals(oldBytes, Files.readAllBytes(file), "the old file is untouched");
        assertSameContent(old, Checkpoint.load(file));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
        Path file = dir.resolve("first.ckpt");
        assertThrows(IOException.class,
                () -> Checkpoint.save(file, Fixtures.small(3), out -> new FailAfter(out, 2000)));
        assertFalse(Files.exists(file));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void theSameWriteWithoutTheFaultSucceeds() throws IOException {
        Path file = dir.resolve("ok.ckpt");
        Checkpoint.save(file, Fixtures.small(3), out -> new FailAfter(out, Long.MAX_VALUE));
        assertSameContent(Fixtures.small(3), Checkpoint.load(file));
    }

    /**
     * Kills (SIGKILL) a separate JVM that rewrites one checkpoint in a loop. Whatever the moment,
     * the target loads completely and consistently (array value = metadata iteration); a
     * half-written temporary file may remain and, if complete, is consistent too.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killingTheWriterMidWriteLeavesTheLastGoodFile() throws Exception {
        Path file = dir.resolve("loop.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int midWriteKills = 0;
        for (int attempt = 0; attempt < 3 && midWriteKills == 0; attempt++) {
            Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    WriterLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            // A child that hangs without a line would block readLine for ever: kill it, which ends the stream.
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(child::destroyForcibly,
                    CompletableFuture.delayedExecutor(CHILD_SECONDS, TimeUnit.SECONDS));
            int lastSaved = -1;
            try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("saved ")) {
                        lastSaved = Integer.parseInt(line.substring(6).trim());
                        if (lastSaved >= 2 + attempt) {
                            break;
                        }
                    }
                }
                assertTrue(lastSaved >= 0, "the writer never saved a checkpoint");
                Thread.sleep(15 + 20L * attempt);
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "writer did not die");
            } finally {
                watchdog.cancel(false);
                child.destroyForcibly();
            }

            int loaded = assertConsistent(Checkpoint.load(file));
            assertTrue(loaded >= lastSaved, "loaded iteration " + loaded + " older than saved " + lastSaved);
            List<Path> temps = leftovers();
            for (Path t : temps) {
                try {
                    assertConsistent(Checkpoint.load(t));
                } catch (CorruptCheckpointException expected) {
                    midWriteKills++;
                }
                Files.delete(t);
            }
            log.info("attempt {}: target holds iteration {}, {} temporary file(s) left, {} of them half-written",
                    attempt, loaded, temps.size(), midWriteKills);
        }
        assertTrue(midWriteKills > 0, "no kill landed mid-write in 3 attempts; the test did not test anything");
    }

    private static int assertConsistent(CheckpointContent c) {
        int iteration = Integer.parseInt(c.metadata().get("iteration"));
        INDArray w = c.model().get("w");
        assertEquals(WriterLoop.content(iteration).model().get("w"), w);
        return iteration;
    }
}
