package io.github.minidl.layers.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.minidl.layers.checkpoint.ArrayCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a {@code .safetensors} file, trusting nothing: the header length, the JSON and every byte
 * range are checked against the file's size before anything is allocated for the data.
 */
final class SafetensorsReader {
    /** The reference implementation's limit on the header. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    /** ND4J's highest rank. */
    static final int MAX_RANK = 32;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path file;
    private final FileChannel channel;

    /** One header entry; {@code begin} and {@code end} are relative to the end of the header. */
    private record Entry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {
        String offsets() {
            return "data_offsets [" + begin + ", " + end + "]";
        }
    }

    private SafetensorsReader(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static SafetensorsContent read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SafetensorsReader(file, channel).content();
        }
    }

    private SafetensorsContent content() throws IOException {
        long size = channel.size();
        if (size < Long.BYTES) {
            throw corrupt(null, "has " + size + " bytes; a .safetensors file starts with an 8-byte header length");
        }
        long n = readFully(0, Long.BYTES, null).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > size - Long.BYTES) {
            throw corrupt(null, "header length " + Long.toUnsignedString(n) + " exceeds the " + (size - Long.BYTES)
                    + " bytes that follow it (truncated, or not a .safetensors file)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw corrupt(null, "header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = parseHeader(readFully(Long.BYTES, (int) n, null).array(), metadata);
        checkLayout(entries, size - Long.BYTES - n);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            ByteBuffer data = readFully(Long.BYTES + n + e.begin(), (int) (e.end() - e.begin()), e.name());
            tensors.put(e.name(), ArrayCodec.decode(e.dtype().dataType(), e.shape(), data.array()));
        }
        return new SafetensorsContent(tensors, metadata);
    }

    // ---- header -------------------------------------------------------------------------

    private List<Entry> parseHeader(byte[] header, Map<String, String> metadata) throws IOException {
        List<Entry> entries = new ArrayList<>();
        // A strict decoder: the format requires UTF-8, and Jackson alone would also accept UTF-16 or UTF-32.
        var text = new InputStreamReader(new ByteArrayInputStream(header), StandardCharsets.UTF_8.newDecoder());
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(null, "header is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(Safetensors.METADATA_KEY)) {
                    readMetadata(p, metadata);
                } else {
                    entries.add(readEntry(p, name));
                }
            }
            if (p.nextToken() != null) {
                throw corrupt(null, "header has more than one JSON value");
            }
        } catch (CharacterCodingException e) {
            throw corrupt(null, "header is not valid UTF-8: " + e, e);
        } catch (JsonProcessingException e) {
            throw corrupt(null, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return entries;
    }

    private void readMetadata(JsonParser p, Map<String, String> metadata) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw corrupt(null, Safetensors.METADATA_KEY + " is " + p.currentToken() + ", not an object of strings");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw corrupt(null, Safetensors.METADATA_KEY + " '" + key + "' is not a string");
            }
            metadata.put(key, p.getText());
        }
    }

    private Entry readEntry(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw corrupt(name, "is " + p.currentToken() + ", not an object with dtype, shape and data_offsets");
        }
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "dtype" -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw corrupt(name, "dtype is not a string");
                    }
                    dtype = p.getText();
                }
                case "shape" -> shape = readCounts(p, name, "shape", MAX_RANK);
                case "data_offsets" -> offsets = readCounts(p, name, "data_offsets", 2);
                default -> p.skipChildren(); // as the reference reader, ignore fields it does not know
            }
        }
        if (dtype == null || shape == null || offsets == null || offsets.length != 2) {
            throw corrupt(name, "needs dtype, shape and data_offsets [begin, end]");
        }
        SafetensorsDtype type = SafetensorsDtype.named(dtype);
        if (type == null) {
            throw corrupt(name, "dtype '" + dtype + "' is not supported; supported: " + SafetensorsDtype.supported());
        }
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code max} non-negative integers. */
    private long[] readCounts(JsonParser p, String name, String field, int max) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw corrupt(name, field + " is not an array");
        }
        long[] values = new long[max];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == max) {
                throw corrupt(name, field + " has more than " + max + " elements");
            }
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw corrupt(name, field + " holds " + p.getText() + ", not a non-negative 64-bit integer");
            }
            values[n++] = p.getLongValue();
        }
        return Arrays.copyOf(values, n);
    }

    // ---- layout -------------------------------------------------------------------------

    /** In data order, the ranges must tile [0, dataBytes) exactly, each as long as its shape and dtype need. */
    private void checkLayout(List<Entry> entries, long dataBytes) throws IOException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long cursor = 0;
        String previous = null;
        for (Entry e : entries) {
            if (e.end() < e.begin()) {
                throw corrupt(e.name(), e.offsets() + " end before they begin");
            }
            if (e.begin() < cursor) {
                throw corrupt(e.name(), e.offsets() + " overlap tensor '" + previous + "', which ends at " + cursor);
            }
            if (e.begin() > cursor) {
                throw corrupt(e.name(), e.offsets() + " leave bytes [" + cursor + ", " + e.begin()
                        + ") of the data uncovered");
            }
            long need;
            try {
                need = ArrayCodec.byteLength(e.shape(), e.dtype().size());
            } catch (ArithmeticException overflow) {
                throw corrupt(e.name(), "shape " + Arrays.toString(e.shape()) + " x " + e.dtype() + " overflows");
            }
            if (need != e.end() - e.begin()) {
                throw corrupt(e.name(), "shape " + Arrays.toString(e.shape()) + " x " + e.dtype() + " needs " + need
                        + " bytes but " + e.offsets() + " hold " + (e.end() - e.begin()));
            }
            if (e.end() > dataBytes) {
                throw corrupt(e.name(), e.offsets() + " reach beyond the " + dataBytes
                        + " data bytes of the file (truncated?)");
            }
            if (need > ArrayCodec.MAX_BYTES) {
                throw corrupt(e.name(), need + " bytes exceed the limit of " + ArrayCodec.MAX_BYTES + " per tensor");
            }
            cursor = e.end();
            previous = e.name();
        }
        if (cursor != dataBytes) {
            throw corrupt(null, "the tensors end at data byte " + cursor + " but the file holds " + dataBytes
                    + " data bytes after the header");
        }
    }

    private ByteBuffer readFully(long position, int length, String tensor) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt(tensor, "file ends after " + (position + buffer.position()) + " bytes (truncated)");
            }
        }
        return buffer.flip();
    }

    private CorruptSafetensorsException corrupt(String tensor, String message) {
        return corrupt(tensor, message, null);
    }

    private CorruptSafetensorsException corrupt(String tensor, String message, Throwable cause) {
        return new CorruptSafetensorsException(file, tensor, message, cause);
    }
}
