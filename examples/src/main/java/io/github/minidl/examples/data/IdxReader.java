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

    /** DEFLATE cannot compress better than about 1032:1, so a gzip file bounds what it holds. */
    static final long MAX_DEFLATE_RATIO = 1032;

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

    /**
     * Reads an image file and its label file, which must hold the same number of items; both
     * headers are compared before either body is read.
     */
    public static LabelledImages readLabelled(Path images, Path labels) throws IOException {
        try (InputStream x = Files.newInputStream(images); InputStream y = Files.newInputStream(labels)) {
            return readLabelled(open(x, images.toString(), Files.size(images)),
                    open(y, labels.toString(), Files.size(labels)));
        }
    }

    /** As {@link #readLabelled(Path, Path)} from two streams (closed by the caller), named in errors. */
    static LabelledImages readLabelled(InputStream images, String imagesName, InputStream labels, String labelsName)
            throws IOException {
        return readLabelled(open(images, imagesName, -1), open(labels, labelsName, -1));
    }

    private static LabelledImages readLabelled(Source x, Source y) throws IOException {
        long[] dims = imageHeader(x);
        long labels = y.header(LABELS_MAGIC, "labels", 1)[0];
        if (dims[0] != labels) {
            throw new IdxFormatException(String.format(
                    "%s holds %d images but the header of %s claims %d labels; they must match one to one",
                    x.name, dims[0], y.name, labels));
        }
        return new LabelledImages(imageBody(x, dims), labelBody(y, labels));
    }

    // ---- reading ------------------------------------------------------------------------

    private static IdxImages readImages(InputStream raw, String name, long fileLength) throws IOException {
        Source src = open(raw, name, fileLength);
        return imageBody(src, imageHeader(src));
    }

    /** count, rows, cols of an image file, checked before anything is allocated. */
    private static long[] imageHeader(Source src) throws IOException {
        long[] dims = src.header(IMAGES_MAGIC, "images", 3);
        if (dims[1] < 1 || dims[2] < 1) {
            throw new IdxFormatException(String.format(
                    "%s: header claims images of %dx%d pixels; rows and cols must be positive", src.name, dims[1], dims[2]));
        }
        return dims;
    }

    private static IdxImages imageBody(Source src, long[] dims) throws IOException {
        String what = String.format("%d images of %dx%d pixels", dims[0], dims[1], dims[2]);
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact(dims[0], dims[1]), dims[2]);
        } catch (ArithmeticException e) {
            throw new IdxFormatException(String.format(
                    "%s: the header claims %s, more bytes than a long can count; not an IDX file one can read",
                    src.name, what));
        }
        byte[] pixels = src.payload(bytes, what);
        return new IdxImages((int) dims[0], (int) dims[1], (int) dims[2], pixels);
    }

    private static int[] readLabels(InputStream raw, String name, long fileLength) throws IOException {
        Source src = open(raw, name, fileLength);
        return labelBody(src, src.header(LABELS_MAGIC, "labels", 1)[0]);
    }

    private static int[] labelBody(Source src, long count) throws IOException {
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
                return new Source(new DataInputStream(new GZIPInputStream(buffered, 1 << 16)), name, -1,
                        fileLength < 0 ? -1 : Math.multiplyExact(fileLength, MAX_DEFLATE_RATIO));
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(name + ": starts like gzip but its gzip header is damaged ("
                        + e.getMessage() + ")");
            }
        }
        return new Source(new DataInputStream(buffered), name, fileLength, fileLength);
    }

    /**
     * An open IDX stream; {@code length} is the plain file's size or -1 when unknown, {@code bound}
     * the most bytes it can hold (its size, or what its compressed size can inflate to; -1: unknown).
     */
    private static final class Source {
        private final DataInputStream in;
        private final String name;
        private final long length;
        private final long bound;
        private long headerBytes;

        Source(DataInputStream in, String name, long length, long bound) {
            this.in = in;
            this.name = name;
            this.length = length;
            this.bound = bound;
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
            if (bound >= 0 && claimed > bound - headerBytes) {
                throw new IdxFormatException(String.format(
                        "%s: the header claims %s (%d bytes) but a gzip file of its size inflates to at most %d bytes",
                        name, what, claimed, bound));
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
