package io.github.minidl.layers.safetensors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.minidl.layers.checkpoint.ArrayCodec;
import io.github.minidl.layers.checkpoint.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Lays out and writes a {@code .safetensors} file the way the format's reference writer does. */
final class SafetensorsWriter {
    static final JsonFactory JSON = new JsonFactory();

    /** Wider dtypes first, so every tensor starts aligned to its element size; then by name (UTF-8 bytes). */
    private static final Comparator<Map.Entry<String, INDArray>> ORDER = Comparator
            .comparing((Map.Entry<String, INDArray> e) -> SafetensorsDtype.of(e.getValue().dataType()))
            .reversed()
            .thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private SafetensorsWriter() {
    }

    static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, INDArray>> order = checked(tensors);
        order.sort(ORDER);
        byte[] header = header(order, metadata);
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Map.Entry<String, INDArray> e : order) {
                out.write(ArrayCodec.encode(e.getValue()));
            }
        });
    }

    /** Rejects what the format cannot hold before any file is created. */
    private static List<Map.Entry<String, INDArray>> checked(Map<String, INDArray> tensors) {
        List<Map.Entry<String, INDArray>> out = new ArrayList<>();
        tensors.forEach((name, a) -> {
            if (name == null || name.equals(Safetensors.METADATA_KEY) || a == null) {
                throw new IllegalArgumentException("tensor name '" + name + "' with array " + a
                        + ": names must not be null or " + Safetensors.METADATA_KEY + ", arrays not null");
            }
            if (SafetensorsDtype.of(a.dataType()) == null) {
                throw new IllegalArgumentException("tensor '" + name + "' has dtype " + a.dataType()
                        + "; a .safetensors file holds " + SafetensorsDtype.supported());
            }
            long bytes = a.length() * a.dataType().width();
            if (bytes > ArrayCodec.MAX_BYTES) {
                throw new IllegalArgumentException("tensor '" + name + "' " + Arrays.toString(a.shape()) + " has "
                        + bytes + " bytes; at most " + ArrayCodec.MAX_BYTES + " are supported");
            }
            out.add(Map.entry(name, a));
        });
        return out;
    }

    /**
     * Compact JSON: {@code __metadata__} first (when there is any), then every tensor in data order
     * with dtype, shape and data_offsets; padded with spaces to a multiple of 8 bytes.
     */
    static byte[] header(List<Map.Entry<String, INDArray>> order, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator((OutputStream) bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(Safetensors.METADATA_KEY);
                for (Map.Entry<String, String> m : metadata.entrySet()) {
                    g.writeStringField(m.getKey(), m.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, INDArray> e : order) {
                INDArray a = e.getValue();
                long end = offset + a.length() * a.dataType().width();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", SafetensorsDtype.of(a.dataType()).name());
                g.writeArrayFieldStart("shape");
                for (long d : a.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(end);
                g.writeEndArray();
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        while (bytes.size() % 8 != 0) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }
}
