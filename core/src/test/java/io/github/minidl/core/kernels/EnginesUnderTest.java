package io.github.minidl.core.kernels;

import io.github.minidl.core.onednn.OneDnnEngine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engines the float32 kernel tests run through, by label: every available engine, and where
 * oneDNN loads, oneDNN again with every batch split into single-sample chunks, so that the chunked
 * path (its shared copies and summed weight gradients) meets the same cases.
 */
final class EnginesUnderTest {
    /** The label of oneDNN with single-sample chunks. */
    static final String CHUNKED = "onednn-chunked";
    private static Map<String, ConvEngine> all;

    private EnginesUnderTest() {
    }

    /** Every engine under test, own first. */
    static synchronized Map<String, ConvEngine> all() {
        if (all == null) {
            Map<String, ConvEngine> engines = new LinkedHashMap<>();
            ConvEngines.available().forEach(e -> engines.put(e.name(), e));
            if (ConvEngines.oneDnn().isPresent()) {
                engines.put(CHUNKED, OneDnnEngine.load(ConvEngines.own(), 1));
            }
            all = Collections.unmodifiableMap(engines);
        }
        return all;
    }

    /** The engine with this label. */
    static ConvEngine named(String label) {
        ConvEngine e = all().get(label);
        if (e == null) {
            throw new IllegalArgumentException("no engine labelled " + label + " among " + all().keySet());
        }
        return e;
    }
}
