package io.github.minidl.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static IdxImages randomImages(int count, int rows, int cols, long seed) {
        byte[] pixels = new byte[count * rows * cols];
        new Random(seed).nextBytes(pixels);
        return new IdxImages(count, rows, cols, pixels);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"images.idx", "images.idx.gz"})
    void imagesRoundTrip(String name) throws IOException {
        IdxImages written = randomImages(7, 28, 28, 1);
        Path file = dir.resolve(name);
        IdxWriter.writeImages(file, written);
        IdxImages read = IdxReader.readImages(file);
        assertEquals(7, read.count());
        assertEquals(28, read.rows());
        assertEquals(28, read.cols());
        assertArrayEquals(written.pixels(), read.pixels());
        try (var in = Files.newInputStream(file)) {
            assertArrayEquals(written.pixels(), IdxReader.readImages(in, name).pixels(), "stream read");
        }
        assertEquals(name.endsWith(".gz"), isGzip(file), "gzipped exactly when the name ends in .gz");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"labels.idx", "labels.idx.gz"})
    void labelsRoundTrip(String name) throws IOException {
        int[] labels = {0, 9, 3, 255, 1, 0};
        Path file = dir.resolve(name);
        IdxWriter.writeLabels(file, labels);
        assertArrayEquals(labels, IdxReader.readLabels(file));
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        IdxImages written = randomImages(3, 4, 5, 2);
        Path gz = dir.resolve("a.gz");
        IdxWriter.writeImages(gz, written);
        Path misnamed = Files.copy(gz, dir.resolve("no-extension"));
        assertArrayEquals(written.pixels(), IdxReader.readImages(misnamed).pixels());
    }

    @Test
    void floatArrayIsScaledToUnitInterval() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 1};
        INDArray x = new IdxImages(1, 2, 2, pixels).toFloatArray();
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {1, 1, 2, 2}, x.shape());
        assertEquals(0f, x.getFloat(0, 0, 0, 0));
        assertEquals(1f, x.getFloat(0, 0, 0, 1));
        assertEquals(128 / 255f, x.getFloat(0, 0, 1, 0), 1e-7);
    }

    @Test
    @SuppressWarnings("deprecation") // ND4J's int64 type; the loss functions expect it
    void labelledPairsCountsAndSelects() throws IOException {
        IdxImages x = randomImages(4, 2, 2, 3);
        int[] y = {3, 1, 3, 0};
        IdxWriter.writeImages(dir.resolve("x"), x);
        IdxWriter.writeLabels(dir.resolve("y"), y);
        LabelledImages data = IdxReader.readLabelled(dir.resolve("x"), dir.resolve("y"));
        assertArrayEquals(new int[] {1, 1, 0, 2}, data.classCounts(4));
        assertArrayEquals(new long[] {3, 1, 3, 0}, data.labelArray().toLongVector());
        assertEquals(DataType.LONG, data.labelArray().dataType());
        LabelledImages picked = data.select(new int[] {2, 0});
        assertArrayEquals(new int[] {3, 3}, picked.labels());
        assertArrayEquals(Arrays.copyOfRange(x.pixels(), 8, 12), Arrays.copyOfRange(picked.images().pixels(), 0, 4));
    }

    // ---- corrupt files -------------------------------------------------------------------

    @Test
    void wrongMagicNamesBothNumbers() throws IOException {
        Path labels = dir.resolve("labels");
        IdxWriter.writeLabels(labels, new int[] {1, 2});
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("label file"), e.getMessage());

        Path text = Files.writeString(dir.resolve("text"), "hello, not an IDX file at all");
        var e2 = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(text));
        assertTrue(e2.getMessage().contains("magic number"), e2.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "gzip"})
    void truncatedPixelsAreReported(String kind) throws IOException {
        byte[] full = imageFile(10, 28, 28, 10 * 28 * 28);
        byte[] cut = Arrays.copyOf(full, full.length - 100);
        Path file = write("cut", cut, kind.equals("gzip"));
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("7840 bytes") && e.getMessage().contains("7740"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "gzip"})
    void truncatedHeaderIsReported(String kind) throws IOException {
        byte[] cut = Arrays.copyOf(imageFile(10, 28, 28, 0), 10);
        Path file = write("header", cut, kind.equals("gzip"));
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        Path gz = dir.resolve("x.gz");
        IdxWriter.writeImages(gz, randomImages(20, 28, 28, 4));
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(cut));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        byte[] full = imageFile(2, 3, 3, 2 * 9 + 5);
        Path file = write("long", full, false);
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("5 bytes after"), e.getMessage());
    }

    /** A header claiming 2^31 images must fail on the header, before any allocation. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "gzip", "stream"})
    void hugeClaimedCountFailsWithoutAllocating(String kind) throws IOException {
        byte[] file = imageFile(1 << 31, 28, 28, 1000);
        var e = assertThrows(IdxFormatException.class, () -> readImagesAs(kind, file));
        assertTrue(e.getMessage().contains("2147483648 images"), e.getMessage());
    }

    /**
     * A plausible but false count in a gzipped stream (whose compressed size is unknown): memory
     * follows the data, not the header.
     */
    @Test
    void largeFalseCountInGzipReadsOnlyWhatIsThere() throws IOException {
        byte[] file = imageFile(2_000_000, 28, 28, 3000);
        Path gz = write("liar", file, true);
        var e = assertThrows(IdxFormatException.class, () -> {
            try (var in = Files.newInputStream(gz)) {
                IdxReader.readImages(in, "liar");
            }
        });
        assertTrue(e.getMessage().contains("only 3000 bytes"), e.getMessage());
    }

    @Test
    void zeroSizedImagesAreRejected() throws IOException {
        Path file = write("flat", imageFile(3, 0, 28, 0), false);
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("0x28"), e.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path x = dir.resolve("images.gz");
        Path y = dir.resolve("labels.gz");
        IdxWriter.writeImages(x, randomImages(5, 2, 2, 5));
        IdxWriter.writeLabels(y, new int[] {1, 2, 3});
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabelled(x, y));
        assertTrue(e.getMessage().contains("5 images") && e.getMessage().contains("3 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("images.gz") && e.getMessage().contains("labels.gz"), e.getMessage());
    }

    /** A labels header claiming far more items than the images: refused on the headers, before either body. */
    @Test
    void labelCountBeyondTheImagesFailsOnTheHeaders() throws IOException {
        Path x = dir.resolve("images.gz");
        IdxWriter.writeImages(x, randomImages(300, 28, 28, 6));
        Path y = write("labels", labelFile(2_000_000_000, 4096), true);
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabelled(x, y));
        assertTrue(e.getMessage().contains("holds 300 images but the header of " + y + " claims 2000000000 labels"),
                e.getMessage());
    }

    /** A small gzip file cannot inflate to what its header claims: refused before reading the body. */
    @Test
    void gzipClaimBeyondWhatItsSizeCanInflateToIsRefused() throws IOException {
        Path y = write("labels", labelFile(2_000_000_000, 4096), true);
        var e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(y));
        assertTrue(e.getMessage().contains("2000000000 labels") && e.getMessage().contains("inflates to at most"),
                e.getMessage());
    }

    /** 2^30 images of 2^30 x 16 pixels is 2^64 bytes, which wraps to 0 in a long. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "gzip", "stream"})
    void headerSizesThatOverflowALongAreRefused(String kind) throws IOException {
        byte[] file = imageFile(1 << 30, 1 << 30, 16, 0);
        var e = assertThrows(IdxFormatException.class, () -> readImagesAs(kind, file));
        assertTrue(e.getMessage().contains("1073741824 images of 1073741824x16 pixels"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new IdxImages(1 << 30, 1 << 30, 16, new byte[0]));
        assertTrue(e2.getMessage().contains("more than a long can count"), e2.getMessage());
    }

    @Test
    void writerRejectsLabelsThatDoNotFitAByte() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(dir.resolve("bad"), new int[] {0, 256}));
        assertTrue(e.getMessage().contains("labels[1]=256"), e.getMessage());
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** An image-file header with the given (unsigned) count, followed by payload zero bytes. */
    private static byte[] imageFile(int count, int rows, int cols, int payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(new byte[payload]);
        return bytes.toByteArray();
    }

    /** Reads image bytes from a plain file, a gzipped file or a stream, as kind says. */
    private IdxImages readImagesAs(String kind, byte[] content) throws IOException {
        if (kind.equals("stream")) {
            return IdxReader.readImages(new ByteArrayInputStream(content), "stream");
        }
        return IdxReader.readImages(write("file", content, kind.equals("gzip")));
    }

    /** A label-file header with the given (unsigned) count, followed by payload zero bytes. */
    private static byte[] labelFile(int count, int payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(count);
        out.write(new byte[payload]);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name + (gzip ? ".gz" : ""));
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    private static boolean isGzip(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }
}
