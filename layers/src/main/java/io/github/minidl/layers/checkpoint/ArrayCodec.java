package io.github.minidl.layers.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts arrays to and from raw bytes: row-major (C order), little-endian, no header — the data
 * layout of checkpoint entries and of {@code .safetensors} files.
 */
public final class ArrayCodec {
    /** The largest array in bytes: one Java byte array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** The format's dtype names (numpy's), in the order of the package documentation. */
    private static final Map<DataType, String> NAMES = Map.of(
            DataType.FLOAT, "float32", DataType.DOUBLE, "float64", DataType.INT64, "int64",
            DataType.INT32, "int32", DataType.FLOAT16, "float16", DataType.INT16, "int16",
            DataType.INT8, "int8", DataType.UINT8, "uint8", DataType.BOOL, "bool");

    private ArrayCodec() {
    }

    /** The format's name of {@code type}, or null when the format has none. */
    static String name(DataType type) {
        return NAMES.get(type);
    }

    /** The dtype of a format name, or null when unknown. */
    static DataType type(String name) {
        for (Map.Entry<DataType, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Names of every supported dtype, for messages. */
    static String supported() {
        return String.join(", ", new java.util.TreeSet<>(NAMES.values()));
    }

    /**
     * Bytes of {@code shape} elements of {@code width} bytes each.
     *
     * @throws ArithmeticException when the product overflows a long
     */
    public static long byteLength(long[] shape, int width) {
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        return Math.multiplyExact(elements, (long) width);
    }

    /** The raw bytes of {@code a}: c order, little-endian; at most {@link #MAX_BYTES}. */
    public static byte[] encode(INDArray a) {
        long length = a.length();
        int width = a.dataType().width();
        byte[] out = new byte[Math.toIntExact(length * width)];
        if (length == 0) {
            return out;
        }
        INDArray c = isContiguous(a) ? a : a.dup('c');
        ByteBuffer src = c.data().asNio();
        src.get(Math.toIntExact(c.offset() * width), out);
        toLittleEndian(out, width);
        return out;
    }

    /**
     * An array of {@code type} and {@code shape} holding {@code bytes} (c order, little-endian);
     * the caller has checked that their length is {@code byteLength(shape, type.width())}.
     */
    public static INDArray decode(DataType type, long[] shape, byte[] bytes) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (length == 0) {
            return Nd4j.create(type, shape);
        }
        INDArray a = shape.length == 0 ? Nd4j.scalar(type, 0) : Nd4j.createUninitialized(type, shape);
        byte[] data = bytes.clone();
        toLittleEndian(data, type.width());
        a.data().asNio().put(Math.toIntExact(a.offset() * type.width()), data);
        return a;
    }

    /** Swaps bytes in place on a big-endian machine (the operation is its own inverse). */
    private static void toLittleEndian(byte[] data, int width) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || width == 1) {
            return;
        }
        for (int i = 0; i < data.length; i += width) {
            for (int a = i, b = i + width - 1; a < b; a++, b--) {
                byte t = data[a];
                data[a] = data[b];
                data[b] = t;
            }
        }
    }

    private static boolean isContiguous(INDArray a) {
        return a.ordering() == 'c' && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c'));
    }
}
