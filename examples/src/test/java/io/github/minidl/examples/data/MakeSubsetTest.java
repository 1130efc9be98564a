package io.github.minidl.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.examples.Minidl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MakeSubsetTest {
    @TempDir
    Path dir;

    @Test
    void indicesAreBalancedSortedAndSeeded() {
        int[] labels = new int[300];
        Random r = new Random(9);
        Arrays.setAll(labels, i -> r.nextInt(3));
        int[] a = MakeSubset.balancedIndices(labels, 20, new Random(1));
        int[] b = MakeSubset.balancedIndices(labels, 20, new Random(1));
        int[] c = MakeSubset.balancedIndices(labels, 20, new Random(2));
        assertArrayEquals(a, b, "same seed, same subset");
        assertFalse(Arrays.equals(a, c), "another seed, another subset");
        int[] perClass = new int[3];
        for (int i = 0; i < a.length; i++) {
            perClass[labels[a[i]]]++;
            assertTrue(i == 0 || a[i - 1] < a[i], "ascending and distinct");
        }
        assertArrayEquals(new int[] {20, 20, 20}, perClass);
    }

    @Test
    void tooFewImagesInAClassIsAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MakeSubset.balancedIndices(new int[] {0, 0, 1}, 2, new Random(1)));
        assertTrue(e.getMessage().contains("class 1 has 1 images"), e.getMessage());
    }

    @Test
    void missingSourceIsOneLineAndExitCodeOne() {
        StringWriter err = new StringWriter();
        CommandLine cli = Minidl.configure(new CommandLine(new MakeSubset()));
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("--source", dir.resolve("absent").toString(), "--out", dir.toString());
        assertEquals(1, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertFalse(Files.exists(dir.resolve(FashionMnist.TRAIN_IMAGES + ".gz")));
    }
}
