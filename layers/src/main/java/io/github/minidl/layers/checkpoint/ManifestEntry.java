package io.github.minidl.layers.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** One array of the manifest: where it is in the archive and what its bytes must be. */
record ManifestEntry(String section, String key, String path, String dtype, long[] shape, long byteLength,
                     long crc32) {

    /** {@code section/key}, the name used in messages. */
    String qualifiedKey() {
        return section + "/" + key;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("section", section);
        o.put("key", key);
        o.put("path", path);
        o.put("dtype", dtype);
        ArrayNode s = o.putArray("shape");
        Arrays.stream(shape).forEach(s::add);
        o.put("byteLength", byteLength);
        o.put("crc32", crc32);
        return o;
    }

    /** Parses one entry; a missing or mistyped field is an IllegalArgumentException naming it. */
    static ManifestEntry fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an entry is not a JSON object");
        }
        String section = text(o, "section");
        String key = text(o, "key");
        JsonNode s = o.get("shape");
        if (s == null || !s.isArray()) {
            throw new IllegalArgumentException("entry '" + section + "/" + key + "' has no shape array");
        }
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!s.get(i).canConvertToLong() || !s.get(i).isIntegralNumber() || s.get(i).asLong() < 0) {
                throw new IllegalArgumentException("entry '" + section + "/" + key + "' has shape " + s
                        + "; dimensions must be non-negative integers");
            }
            shape[i] = s.get(i).asLong();
        }
        return new ManifestEntry(section, key, text(o, "path"), text(o, "dtype"), shape,
                number(o, "byteLength", section, key), number(o, "crc32", section, key));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("an entry has no '" + field + "' string");
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field, String section, String key) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException("entry '" + section + "/" + key + "' has no non-negative integer '"
                    + field + "'");
        }
        return v.asLong();
    }
}
