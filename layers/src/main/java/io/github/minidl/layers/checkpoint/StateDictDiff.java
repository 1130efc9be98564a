package io.github.minidl.layers.checkpoint;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a loaded state dict differs from the expected one.
 *
 * @param missingKeys expected keys the loaded dict lacks, in expected order
 * @param unexpectedKeys loaded keys the model does not have, in loaded order
 * @param mismatches keys both hold with a different shape or dtype
 */
public record StateDictDiff(List<String> missingKeys, List<String> unexpectedKeys, List<Mismatch> mismatches) {

    /** Keeps unmodifiable copies. */
    public StateDictDiff {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
        mismatches = List.copyOf(mismatches);
    }

    /** True when the two dicts have the same keys, shapes and dtypes. */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && mismatches.isEmpty();
    }

    /** Everything that differs, one clause per kind, e.g. {@code missing keys [fc.bias]; …}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!missingKeys.isEmpty()) {
            sb.append("missing keys ").append(missingKeys);
        }
        if (!unexpectedKeys.isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "").append("unexpected keys ").append(unexpectedKeys);
        }
        if (!mismatches.isEmpty()) {
            sb.append(sb.length() > 0 ? "; " : "").append("shape/dtype mismatches ").append(mismatches);
        }
        return sb.length() == 0 ? "no differences" : sb.toString();
    }

    /**
     * One key whose array differs in shape or dtype.
     *
     * @param key the state-dict key
     * @param expectedShape the model's shape
     * @param expectedType the model's dtype
     * @param loadedShape the loaded shape
     * @param loadedType the loaded dtype
     */
    public record Mismatch(String key, long[] expectedShape, DataType expectedType, long[] loadedShape,
                           DataType loadedType) {
        /** E.g. {@code conv.weight: loaded [8, 1, 3, 3] FLOAT, model expects [16, 1, 3, 3] FLOAT}. */
        @Override
        public String toString() {
            return key + ": loaded " + Arrays.toString(loadedShape) + " " + loadedType + ", model expects "
                    + Arrays.toString(expectedShape) + " " + expectedType;
        }
    }
}
