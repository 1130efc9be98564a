package io.github.minidl.layers.checkpoint;

import java.util.Map;

/**
 * Reads numbers from a checkpoint's string metadata; every failure names the key, its value and
 * the rule, so a damaged or hand-edited file says which entry is wrong.
 */
public final class MetadataValues {
    private MetadataValues() {
    }

    /** The entry {@code key}, which must be present. */
    public static String required(Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata has no '" + key + "' entry; keys: " + metadata.keySet());
        }
        return v;
    }

    /** The entry {@code key} as a long. */
    public static long longValue(Map<String, String> metadata, String key) {
        String v = required(metadata, key);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata '" + key + "'=" + v + " is not an integer", e);
        }
    }

    /** The entry {@code key} as an int. */
    public static int intValue(Map<String, String> metadata, String key) {
        long v = longValue(metadata, key);
        if (v != (int) v) {
            throw new IllegalArgumentException("metadata '" + key + "'=" + v + " does not fit an int");
        }
        return (int) v;
    }

    /** The entry {@code key} as a finite double. */
    public static double finiteDouble(Map<String, String> metadata, String key) {
        return finiteDoubles(metadata, key, required(metadata, key))[0];
    }

    /**
     * The entry {@code key} as a comma-separated list of finite doubles; an absent or empty entry
     * is an empty list.
     */
    public static double[] finiteDoubles(Map<String, String> metadata, String key) {
        String v = metadata.getOrDefault(key, "");
        return v.isEmpty() ? new double[0] : finiteDoubles(metadata, key, v);
    }

    private static double[] finiteDoubles(Map<String, String> metadata, String key, String v) {
        String[] parts = v.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metadata '" + key + "'=" + v + " is not "
                        + (parts.length == 1 ? "a number" : "a list of numbers") + ": '" + parts[i] + "'", e);
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("metadata '" + key + "'=" + v + " holds " + out[i]
                        + "; every value must be finite");
            }
        }
        return out;
    }
}
