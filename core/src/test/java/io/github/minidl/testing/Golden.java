package io.github.minidl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The PyTorch float64 reference cases, read from the test classpath ({@code /golden/*.jsonl}).
 * {@code conv_cases}, {@code conv_errors}, {@code training_cases} and {@code parity_layer_cases}; see
 * {@code golden/README.md}.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<GoldenCase>> CACHE = new ConcurrentHashMap<>();

    private Golden() {
    }

    /** Every case of a file (e.g. {@code "conv_cases"}). */
    public static List<GoldenCase> all(String file) {
        return CACHE.computeIfAbsent(file, Golden::read);
    }

    /** The cases of a file whose {@code op} is one of {@code ops}. */
    public static Stream<GoldenCase> cases(String file, String... ops) {
        List<String> wanted = List.of(ops);
        return all(file).stream().filter(c -> wanted.isEmpty() || wanted.contains(c.op()));
    }

    private static List<GoldenCase> read(String file) {
        String path = "/golden/" + file + ".jsonl";
        try (InputStream in = Golden.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("golden file " + path + " is not on the test classpath");
            }
            List<GoldenCase> cases = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    cases.add(new GoldenCase(node));
                }
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
