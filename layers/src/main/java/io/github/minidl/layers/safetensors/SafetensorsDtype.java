package io.github.minidl.layers.safetensors;

import io.github.minidl.layers.EnumNames;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The element types of a {@code .safetensors} file that ND4J can hold, declared in the format's
 * order of increasing alignment: its writer puts wider types first ({@link #ordinal()} descending).
 * The 8-bit float types of the format have no ND4J counterpart and are rejected on reading.
 */
public enum SafetensorsDtype {
    /** One byte, 0 or 1. */
    BOOL(DataType.BOOL),
    /** Unsigned byte. */
    U8(DataType.UINT8),
    /** Signed byte. */
    I8(DataType.INT8),
    /** Signed 16-bit integer. */
    I16(DataType.INT16),
    /** Unsigned 16-bit integer. */
    U16(DataType.UINT16),
    /** IEEE half precision. */
    F16(DataType.HALF),
    /** bfloat16. */
    BF16(DataType.BFLOAT16),
    /** Signed 32-bit integer. */
    I32(DataType.INT32),
    /** Unsigned 32-bit integer. */
    U32(DataType.UINT32),
    /** IEEE single precision (PyTorch's float32). */
    F32(DataType.FLOAT),
    /** IEEE double precision (PyTorch's float64). */
    F64(DataType.DOUBLE),
    /** Signed 64-bit integer (PyTorch's int64, e.g. {@code num_batches_tracked}). */
    I64(DataType.INT64),
    /** Unsigned 64-bit integer. */
    U64(DataType.UINT64);

    private final DataType type;

    SafetensorsDtype(DataType type) {
        this.type = type;
    }

    /** The ND4J type holding this dtype. */
    public DataType dataType() {
        return type;
    }

    /** Bytes per element. */
    public int size() {
        return type.width();
    }

    /** The dtype of an ND4J type, or null when the format has none. */
    public static SafetensorsDtype of(DataType type) {
        for (SafetensorsDtype d : values()) {
            if (d.type == type) {
                return d;
            }
        }
        return null;
    }

    /** The dtype of a header name such as {@code "F32"}, or null when unknown or unsupported. */
    public static SafetensorsDtype named(String name) {
        return EnumNames.exact(SafetensorsDtype.class, name);
    }

    /** Every supported name, for messages. */
    static String supported() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
