package io.github.minidl.examples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST-style IDX files, plain or gzipped (recognised by their first two bytes, not by
 * their name): images with magic {@code 0x00000803} (unsigned bytes, 3 dimensions: count, rows,
 * cols) and labels with magic {@code 0x00000801} (unsigned bytes, 1 dimension: count).
 *
 * <p>A header is never trusted with memory: for a plain file the size it claims is checked
 * against the file's length before anything is allocated; for a gzipped file or a stream the
 * pixels are read in growing chunks, so the memory used follows the bytes that really arrive.
 * Every failure is an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The largest payload a Java array can hold. */
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /** Reads an image file; {@code [count, rows, cols]} bytes. */
    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString(), Files.size(file));
        }
    }

    /** Reads an image file from a stream (closed by the caller); {@code name} appears in errors. */
    public static IdxImages readImages(InputStream in, String name) throws IOException {
        return readImages(in, name, -1);
    }

    /** Reads a label file; one int in [0, 255] per item. */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString(), Files.size(file));
        }
    }

    /** Reads a label file from a stream (closed by the caller); {@code name} appears in errors. */
    public static int[] readLabels(InputStream in, String name) throws IOException {
        return readLabels(in, name, -1);
    }

    /** Reads an image file and its label file, which must hold the same number of items. */
    public static LabelledImages readLabelled(Path images, Path labels) throws IOException {
        IdxImages x = readImages(images);
        int[] y = readLabels(labels);
        return labelled(x, y, images.toString(), labels.toString());
    }

    /** Pairs images and labels read from the named sources, checking that their counts agree. */
    static LabelledImages labelled(IdxImages x, int[] y, String imagesName, String labelsName) {
        if (x.count() != y.length) {
            throw new IdxFormatException(String.format(
                    "%s holds %d images but %s holds %d labels; they must match one to one",
                    imagesName, x.count(), labelsName, y.length));
        }
        return new LabelledImages(x, y);
    }

    // ---- reading ------------------------------------------------------------------------

    private static IdxImages readImages(InputStream raw, String name, long fileLength) throws IOException {
        Source src = open(raw, name, fileLength);
        long[] dims = src.header(IMAGES_MAGIC, "images", 3);
        long count = dims[0];
        long rows = dims[1];
        long cols = dims[2];
        if (rows < 1 || cols < 1) {
            throw new IdxFormatException(String.format(
                    "%s: header claims images of %dx%d pixels; rows and cols must be positive", name, rows, cols));
        }
        String what = String.format("%d images of %dx%d pixels", count, rows, cols);
        byte[] pixels = src.payload(count * rows * cols, what);
        return new IdxImages((int) count, (int) rows, (int) cols, pixels);
    }

    private static int[] readLabels(InputStream raw, String name, long fileLength) throws IOException {
        Source src = open(raw, name, fileLength);
        long count = src.header(LABELS_MAGIC, "labels", 1)[0];
        byte[] bytes = src.payload(count, count + " labels");
        int[] labels = new int[bytes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    private static Source open(InputStream raw, String name, long fileLength) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC) {
            try {
                // The compressed length says nothing sure about the inflated one.
                return new Source(new DataInputStream(new GZIPInputStream(buffered, 1 << 16)), name, -1);
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(name + ": starts like gzip but its gzip header is damaged ("
                        + e.getMessage() + ")");
            }
        }
        return new Source(new DataInputStream(buffered), name, fileLength);
    }

    /** An open IDX stream; {@code length} is the plain file's size or -1 when unknown. */
    private static final class Source {
        private final DataInputStream in;
        private final String name;
        private final long length;
        private long headerBytes;

        Source(DataInputStream in, String name, long length) {
            this.in = in;
            this.name = name;
            this.length = length;
        }

        long[] header(int magic, String kind, int rank) throws IOException {
            headerBytes = 4L + 4L * rank;
            int found = readInt("the magic number");
            if (found != magic) {
                throw new IdxFormatException(String.format(
                        "%s: magic number 0x%08x is not 0x%08x (IDX %s: unsigned bytes, %d dimension%s)%s",
                        name, found, magic, kind, rank, rank == 1 ? "" : "s", hint(found)));
            }
            long[] dims = new long[rank];
            for (int d = 0; d < rank; d++) {
                // IDX sizes are 32-bit; read them unsigned so 0x80000000 is a huge count, not a negative one.
                dims[d] = Integer.toUnsignedLong(readInt("dimension " + d));
            }
            return dims;
        }

        private static String hint(int found) {
            if (found == LABELS_MAGIC) {
                return "; this looks like a label file";
            }
            if (found == IMAGES_MAGIC) {
                return "; this looks like an image file";
            }
            return "";
        }

        private int readInt(String what) throws IOException {
            try {
                return in.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(String.format(
                        "%s is truncated: it ends inside the header, before %s (the header takes %d bytes)",
                        name, what, headerBytes));
            }
        }

        byte[] payload(long claimed, String what) throws IOException {
            if (length >= 0 && headerBytes + claimed != length) {
                long available = Math.max(0, length - headerBytes);
                if (available < claimed) {
                    throw new IdxFormatException(String.format(
                            "%s is truncated or its header is wrong: the header claims %s (%d bytes) but only %d bytes follow it",
                            name, what, claimed, available));
                }
                throw new IdxFormatException(String.format(
                        "%s has %d bytes after the %s its header claims; not an IDX file of that size",
                        name, available - claimed, what));
            }
            if (claimed > MAX_PAYLOAD) {
                throw new IdxFormatException(String.format(
                        "%s: the header claims %s (%d bytes), more than the %d bytes one array can hold",
                        name, what, claimed, MAX_PAYLOAD));
            }
            byte[] data = readUpTo((int) claimed, what);
            if (in.read() >= 0) {
                throw new IdxFormatException(String.format(
                        "%s has bytes after the %s its header claims; not an IDX file of that size", name, what));
            }
            return data;
        }

        /** Reads exactly n bytes, growing the buffer only as data arrives. */
        private byte[] readUpTo(int n, String what) throws IOException {
            byte[] buf = new byte[Math.min(n, FIRST_CHUNK)];
            int filled = 0;
            while (filled < n) {
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
                }
                int got;
                try {
                    got = in.read(buf, filled, buf.length - filled);
                } catch (EOFException e) {
                    got = -1; // GZIPInputStream's way of saying the compressed data stops early
                } catch (ZipException e) {
                    throw new IdxFormatException(String.format(
                            "%s: its gzip data is damaged after %d bytes (%s)", name, (long) filled, e.getMessage()));
                }
                if (got < 0) {
                    throw new IdxFormatException(String.format(
                            "%s is truncated or its header is wrong: the header claims %s (%d bytes) but only %d bytes follow it",
                            name, what, (long) n, (long) filled));
                }
                filled += got;
            }
            return buf;
        }
    }
}
