package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.examples.views.Check;
import io.github.minidl.examples.views.Walkthrough;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewsCommandTest {
    @TempDir
    Path dir;

    @Test
    void allViewsAgree() throws IOException {
        StringWriter text = new StringWriter();
        Walkthrough w = new Walkthrough(new PrintWriter(text), dir, 7);
        List<Check> checks = w.run(Walkthrough.tutorialSections());
        assertTrue(checks.size() >= 20, "checks: " + checks);
        for (Check c : checks) {
            assertTrue(c.maxDifference() < 1e-12, c.toString());
        }
        String out = text.toString();
        assertTrue(out.contains("im2col(x), one row per region  [9 x 9]"), out);
        assertTrue(out.contains("C  [9 x 25]"), out);
        assertTrue(out.contains("C^T . vec(y), reshaped to 5x5  [5 x 5]"), out);
    }

    @Test
    void commandPrintsTablesAndWritesHeatMaps() throws IOException {
        Path out = dir.resolve("views");
        Run r = Run.of("views", "--out", out.toString(), "--seed", "3");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("largest difference"), r.toString());
        assertTrue(!r.out().contains("DISAGREE"), r.toString());
        for (String name : List.of("C.png", "C_T.png", "C_stride2.png", "C_dilation2.png", "C_groups2.png")) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(img, name + " is a PNG");
        }
        // C is 9 x 25 and C^T 25 x 9: the pictures are wide and tall respectively.
        BufferedImage c = ImageIO.read(out.resolve("C.png").toFile());
        BufferedImage ct = ImageIO.read(out.resolve("C_T.png").toFile());
        assertTrue(c.getWidth() > c.getHeight() && ct.getHeight() > ct.getWidth());
    }

    @Test
    void outPointingAtAFileIsOneLineAndExitCodeOne() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Run r = Run.of("views", "--out", file.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("is a file"), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }
}
