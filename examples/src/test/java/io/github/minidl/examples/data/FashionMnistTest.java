package io.github.minidl.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistTest {
    private static FashionMnist shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        shipped = FashionMnist.shipped();
    }

    @Test
    void shippedSubsetIsBalanced() {
        assertEquals(10_000, shipped.train().size());
        assertEquals(2_000, shipped.test().size());
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        int[] twoHundred = new int[10];
        Arrays.fill(twoHundred, 200);
        assertArrayEquals(thousand, shipped.train().classCounts(10));
        assertArrayEquals(twoHundred, shipped.test().classCounts(10));
    }

    @Test
    void shippedImagesAreRealPictures() {
        INDArray x = shipped.test().features();
        assertArrayEquals(new long[] {2000, 1, 28, 28}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(0.0, x.minNumber().doubleValue(), 0.0);
        assertEquals(1.0, x.maxNumber().doubleValue(), 0.0);
        // Fashion-MNIST's mean pixel is about 0.286; a blank or noisy file would be far off.
        assertEquals(0.286, x.meanNumber().doubleValue(), 0.02);
    }

    @Test
    void classNamesFollowTheLabels() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.className(0));
        assertEquals("Ankle boot", FashionMnist.className(9));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.className(10));
    }

    @Test
    void directoryWithPlainFilesLoads() throws IOException {
        LabelledImages train = shipped.train().head(30);
        LabelledImages test = shipped.test().head(20);
        IdxWriter.writeImages(dir.resolve(FashionMnist.TRAIN_IMAGES), train.images());
        IdxWriter.writeLabels(dir.resolve(FashionMnist.TRAIN_LABELS), train.labels());
        IdxWriter.writeImages(dir.resolve(FashionMnist.TEST_IMAGES + ".gz"), test.images());
        IdxWriter.writeLabels(dir.resolve(FashionMnist.TEST_LABELS + ".gz"), test.labels());
        FashionMnist loaded = FashionMnist.fromDirectory(dir);
        assertEquals(30, loaded.train().size());
        assertArrayEquals(test.labels(), loaded.test().labels());
        assertArrayEquals(train.images().pixels(), loaded.train().images().pixels());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        IdxWriter.writeImages(dir.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), shipped.train().head(2).images());
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.fromDirectory(dir));
        assertTrue(e.getMessage().contains(FashionMnist.TRAIN_LABELS), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.fromDirectory(nowhere));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void labelOutsideTheTenClassesIsRejected() throws IOException {
        LabelledImages two = shipped.train().head(2);
        for (String prefix : new String[] {"train", "t10k"}) {
            IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte"), two.images());
            IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), new int[] {3, 12});
        }
        var e = assertThrows(IdxFormatException.class, () -> FashionMnist.fromDirectory(dir));
        assertTrue(e.getMessage().contains("label 12 at index 1"), e.getMessage());
    }

    @Test
    void systemDirectoryLoadsWhenInstalled() throws IOException {
        // Only where `apt-get install dataset-fashion-mnist` has run; the full set is 60,000 + 10,000.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIRECTORY));
        FashionMnist full = FashionMnist.fromDirectory(FashionMnist.SYSTEM_DIRECTORY);
        assertEquals(60_000, full.train().size());
        assertEquals(10_000, full.test().size());
    }
}
