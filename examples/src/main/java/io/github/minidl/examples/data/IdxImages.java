package io.github.minidl.examples.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code count} grey-scale images of {@code rows × cols} unsigned bytes, stored image after image,
 * row-major, exactly as in an IDX file. The array is shared, not copied: treat it as read-only.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    /** Checks that the pixel array holds exactly count·rows·cols bytes. */
    public IdxImages {
        if (count < 0 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(String.format(
                    "count=%d must be non-negative and rows=%d, cols=%d positive", count, rows, cols));
        }
        long expected;
        try {
            expected = Math.multiplyExact(Math.multiplyExact((long) count, rows), cols);
        } catch (ArithmeticException e) {
            expected = -1; // more than any array holds
        }
        if (pixels == null || pixels.length != expected) {
            throw new IllegalArgumentException(String.format(
                    "pixels has %s bytes; %d images of %dx%d need %s",
                    pixels == null ? "no" : String.valueOf(pixels.length), count, rows, cols,
                    expected < 0 ? "more than a long can count" : String.valueOf(expected)));
        }
    }

    /** Bytes per image, rows·cols. */
    public int imageSize() {
        return rows * cols;
    }

    /** Pixel (r, c) of image i as an int in [0, 255]. */
    public int pixel(int i, int r, int c) {
        return pixels[i * imageSize() + r * cols + c] & 0xff;
    }

    /** The images as float32 [count, 1, rows, cols], each byte divided by 255 into [0, 1]. */
    public INDArray toFloatArray() {
        INDArray x = Nd4j.create(DataType.FLOAT, new long[] {count, 1, rows, cols}, 'c');
        if (pixels.length == 0) {
            return x;
        }
        // Straight into the off-heap buffer: the full training set would need 188 MB of heap as a float[].
        FloatBuffer target = x.data().asNioFloat();
        target.position((int) x.offset());
        float[] chunk = new float[Math.min(pixels.length, 1 << 16)];
        for (int start = 0; start < pixels.length; start += chunk.length) {
            int n = Math.min(chunk.length, pixels.length - start);
            for (int i = 0; i < n; i++) {
                chunk[i] = (pixels[start + i] & 0xff) / 255f;
            }
            target.put(chunk, 0, n);
        }
        return x;
    }

    /** A copy holding the images at the given indices, in that order. */
    public IdxImages select(int[] indices) {
        int size = imageSize();
        byte[] chosen = new byte[Math.multiplyExact(indices.length, size)];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= count) {
                throw new IllegalArgumentException(String.format(
                        "indices[%d]=%d must lie in [0, %d)", j, i, count));
            }
            System.arraycopy(pixels, i * size, chosen, j * size, size);
        }
        return new IdxImages(indices.length, rows, cols, chosen);
    }
}
