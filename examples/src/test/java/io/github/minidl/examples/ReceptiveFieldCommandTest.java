package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class ReceptiveFieldCommandTest {
    @TempDir
    Path dir;

    @Test
    void twoThreeByThreeSeeWhatOneFiveByFiveSees() {
        Run r = Run.of("receptive-field", "--channels", "1", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        // layers 2: field 5x5, 18 weights against 25 for one 5x5 (C = 1), ratio 0.72
        assertTrue(Pattern.compile("\\n\\s+2\\s+5x5\\s+18\\s+5x5\\s+25\\s+0\\.72").matcher(r.out()).find(), r.out());
        // Dilations 1,2,4,8: fields 3, 7, 15, 31 against 3, 5, 7, 9 undilated.
        assertTrue(Pattern.compile("\\n\\s+4\\s+1,2,4,8\\s+31x31\\s+9x9").matcher(r.out()).find(), r.out());
    }

    @Test
    void customStackShowsFieldJumpAndStart() {
        Run r = Run.of("receptive-field", "--stack", "3p1,2s2,3p1,2s2", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        // After 3, pool 2/2, 3, pool 2/2: field 3 -> 4 -> 8 -> 10, jump 1 -> 2 -> 2 -> 4.
        assertTrue(Pattern.compile("\\n2s2\\s+2\\s+2\\s+1\\s+0\\s+10x10\\s+4\\s").matcher(r.out()).find(), r.out());
    }

    @Test
    void measuredFieldsAgreeAndArePictured() throws IOException {
        Run r = Run.of("receptive-field", "--stack", "3d2,3s2,5", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(!r.out().contains("DISAGREE"), r.out());
        // Two 3x3: the gradient box is 5x5, path counts 1 2 3 2 1 along the top row.
        assertTrue(Pattern.compile("\\n3x3, 3x3\\s+5x5\\s+5x5\\s+agree").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("    1 2 3 2 1\n    2 4 6 4 2\n    3 6 9 6 3"), r.out());
        BufferedImage img = ImageIO.read(dir.resolve("field.png").toFile());
        assertTrue(img != null && img.getWidth() > 6 * 20, "six fields side by side");
    }

    @Test
    void outPointingAtAFileIsOneLineAndExitCodeOne() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Run r = Run.of("receptive-field", "--out", file.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("is a file"), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }

    /** Stacks whose field is too large to measure (or to count in an int) are refused before any work. */
    @Test
    void hugeStacksAreRefusedWithTheBound() {
        Run r = Run.of("receptive-field", "--stack", "9999d9999", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("--stack=9999d9999 sees a 99970003x99970003 field") && r.err().contains("at most 128"),
                r.toString());
        assertEquals("", r.out(), "no tables for a refused stack: " + r);
        Run overflow = Run.of("receptive-field", "--stack", "3s9999,3s9999,3s9999,3", "--out", dir.toString());
        assertEquals(2, overflow.exitCode(), overflow.toString());
        assertTrue(overflow.err().contains("layer 3s9999: the jump reaches 999700029999 pixels"), overflow.toString());
        MinidlTest.assertNoStackTrace(overflow);
    }
}
