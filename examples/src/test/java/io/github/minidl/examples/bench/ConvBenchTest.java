package io.github.minidl.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's peer computes the same convolution as minidl: every standard configuration,
 * shrunk to two small samples, gives ND4J's built-in op and minidl the same output.
 */
class ConvBenchTest {
    static java.util.stream.Stream<ConvCase> smallCases() {
        return ConvCase.standard().stream()
                .map(c -> new ConvCase(c.id(), c.description(), 2, c.transposed() ? 5 : 9, c.transposed() ? 5 : 9,
                        c.spec(), c.transposed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallCases")
    void peerAgreesWithMinidl(ConvCase c) {
        ConvBench.ConvTimes r = ConvBench.run(c, Timing.Warmup.runs(0), 1, true);
        assertTrue(r.forward().medianMs() > 0 && r.forwardBackward().medianMs() > 0, r.toString());
        if (Nd4jBuiltin.supports(c)) {
            // Float32 sums of up to 1,152 products of unit-scale numbers.
            assertTrue(r.maxDifference() < 1e-4, c.id() + ": max difference " + r.maxDifference());
        } else {
            assertTrue(Double.isNaN(r.peerForwardMs()) && Double.isNaN(r.maxDifference()), r.toString());
        }
    }

    @Test
    void nativesPlatformIsReadFromTheLibraryPath() {
        assertEquals("linux-x86_64-onednn", Nd4jNatives.platformOf(
                "/root/.javacpp/cache/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar/org/nd4j/linalg/cpu/"
                        + "nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so"));
        assertEquals("unknown", Nd4jNatives.platformOf("/usr/lib/libnd4jcpu.so"));
        assertEquals("linux-x86_64", Nd4jNatives.loaded());
    }
}
