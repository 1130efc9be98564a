package io.github.minidl.layers.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Comparisons of state dicts (ordered maps from dotted names to arrays), as loading one needs. */
public final class StateDicts {
    private StateDicts() {
    }

    /** Missing keys, unexpected keys and shape/dtype mismatches of {@code loaded} against {@code expected}. */
    public static StateDictDiff compare(Map<String, INDArray> expected, Map<String, INDArray> loaded) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(loaded, "loaded");
        List<String> missing = new ArrayList<>();
        List<StateDictDiff.Mismatch> mismatches = new ArrayList<>();
        expected.forEach((key, want) -> {
            INDArray got = loaded.get(key);
            if (got == null) {
                missing.add(key);
            } else if (!Arrays.equals(want.shape(), got.shape()) || want.dataType() != got.dataType()) {
                mismatches.add(new StateDictDiff.Mismatch(key, want.shape(), want.dataType(), got.shape(),
                        got.dataType()));
            }
        });
        List<String> unexpected = new ArrayList<>();
        loaded.keySet().forEach(key -> {
            if (!expected.containsKey(key)) {
                unexpected.add(key);
            }
        });
        return new StateDictDiff(missing, unexpected, mismatches);
    }

    /**
     * Checks that {@code loaded} can be copied into a model whose state is {@code expected}.
     * Shape and dtype mismatches always fail (cast a dict explicitly to change its dtype); missing
     * and unexpected keys fail under {@link KeyMatching#STRICT} and are returned otherwise.
     *
     * @return the differences tolerated (empty under STRICT)
     * @throws StateDictMismatchException naming every offending key
     */
    public static StateDictDiff requireCompatible(Map<String, INDArray> expected, Map<String, INDArray> loaded,
                                                  KeyMatching matching) {
        Objects.requireNonNull(matching, "matching");
        StateDictDiff diff = compare(expected, loaded);
        boolean keysFail = matching == KeyMatching.STRICT
                && !(diff.missingKeys().isEmpty() && diff.unexpectedKeys().isEmpty());
        if (keysFail || !diff.mismatches().isEmpty()) {
            throw new StateDictMismatchException(matching == KeyMatching.STRICT ? diff
                    : new StateDictDiff(List.of(), List.of(), diff.mismatches()));
        }
        return diff;
    }
}
