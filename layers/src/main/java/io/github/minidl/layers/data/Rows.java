package io.github.minidl.layers.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gathers rows (slices along axis 0) of a c-contiguous array into a new array by bulk copies. */
final class Rows {
    private Rows() {
    }

    /** True when {@code a} is laid out row-major without gaps, so row {@code i} is one byte range. */
    static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'));
    }

    /** {@code a} itself when c-contiguous, otherwise a c-ordered copy. */
    static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /** {@code out[k] = source[indices[from + k]]} for {@code k < count}; source must be c-contiguous. */
    static INDArray gather(INDArray source, int[] indices, int from, int count) {
        long[] shape = source.shape().clone();
        long rows = shape[0];
        shape[0] = count;
        INDArray out = Nd4j.createUninitialized(source.dataType(), shape);
        long rowElements = rows == 0 ? 0 : source.length() / rows;
        long width = source.dataType().width();
        long rowBytes = rowElements * width;
        if ((source.offset() + source.length()) * width > Integer.MAX_VALUE
                || out.length() * width > Integer.MAX_VALUE) {
            return gatherLarge(source, indices, from, count, rowElements, out);
        }
        // ByteBuffer's absolute bulk put is a memcpy per row; one row is rarely under a few hundred bytes.
        ByteBuffer src = source.data().asNio();
        ByteBuffer dst = out.data().asNio();
        long base = source.offset() * width;
        int rb = (int) rowBytes;
        for (int k = 0; k < count; k++) {
            int index = indices[from + k];
            if (index < 0 || index >= rows) {
                throw new IndexOutOfBoundsException("index " + index + " out of range for " + rows + " samples");
            }
            dst.put((int) (k * rowBytes), src, (int) (base + index * rowBytes), rb);
        }
        return out;
    }

    /** Beyond 2 GiB a ByteBuffer cannot address the data: copy row views through ND4J instead. */
    static INDArray gatherLarge(INDArray source, int[] indices, int from, int count, long rowElements,
                                INDArray out) {
        long rows = source.size(0);
        INDArray src2 = source.reshape('c', rows, rowElements);
        INDArray dst2 = out.reshape('c', count, rowElements);
        for (int k = 0; k < count; k++) {
            int index = indices[from + k];
            if (index < 0 || index >= rows) {
                throw new IndexOutOfBoundsException("index " + index + " out of range for " + rows + " samples");
            }
            dst2.getRow(k).assign(src2.getRow(index));
        }
        return out;
    }
}
