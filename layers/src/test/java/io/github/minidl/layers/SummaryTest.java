package io.github.minidl.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Summary's parameter counts, MACs and receptive fields against closed forms. */
class SummaryTest {

    static Sequential standardCnn() {
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(32, 64, 3).padding(1).build(), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(64 * 7 * 7, 128), new ReLU(), new Linear(128, 10));
    }

    static Sequential separableCnn() {
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                DepthwiseSeparableConv2d.builder(32, 64, 3).padding(1).build(), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128), new ReLU(), new Linear(128, 10));
    }

    private static SummaryRow row(Summary s, String name) {
        return s.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void standardVersusSeparableClosedForms() {
        Summary std = Summary.of(standardCnn(), 1, 1, 28, 28);
        Summary sep = Summary.of(separableCnn(), 1, 1, 28, 28);
        long k = 3;
        assertEquals(k * k * 32 * 64 + 64, row(std, "3").parameters());
        assertEquals(k * k * 32 + 32, row(sep, "3.depthwise").parameters());
        assertEquals(32 * 64 + 64, row(sep, "3.pointwise").parameters());
        assertEquals(64L * 14 * 14 * 32 * 9, row(std, "3").macs());
        assertEquals(32L * 14 * 14 * 9, row(sep, "3.depthwise").macs());
        assertEquals(64L * 14 * 14 * 32, row(sep, "3.pointwise").macs());
        long head = (9 * 32 + 32) + (3136L * 128 + 128) + (128 * 10 + 10);
        assertEquals(head + 9 * 32 * 64 + 64, std.totalParameters());
        assertEquals(head + 9 * 32 + 32 + 32 * 64 + 64, sep.totalParameters());
        assertEquals(sep.totalParameters(), sep.trainableParameters());
        long headMacs = 32L * 28 * 28 * 9 + 3136L * 128 + 128 * 10;
        assertEquals(headMacs + 64L * 14 * 14 * 32 * 9, std.totalMacs());
        assertEquals(headMacs + 32L * 14 * 14 * 9 + 64L * 14 * 14 * 32, sep.totalMacs());
        assertArrayEquals(new long[] {1, 10}, std.outputShape());
        // receptive fields: 3, 4 after pooling, 8, 10, then global
        assertEquals(List.of("3x3", "3x3", "4x4", "8x8", "8x8", "10x10", "10x10", "global", "global", "global"),
                std.rows().stream().map(SummaryRow::receptiveField).toList());
        assertEquals("8x8", row(sep, "3.depthwise").receptiveField());
        assertEquals("8x8", row(sep, "3.pointwise").receptiveField());
        assertTrue(std.toString().contains("Total params: " + String.format("%,d", std.totalParameters())),
                std.toString());
    }

    @ParameterizedTest(name = "in={0} out={1} k={2} g={3} bias={4}")
    @CsvSource({"8, 16, 3, 1, true", "8, 16, 3, 4, true", "6, 9, 5, 3, false", "4, 4, 3, 4, true", "3, 6, 1, 1, false"})
    void conv2dParameterCountClosedForm(int in, int out, int k, int g, boolean bias) {
        Conv2d.Conv2dBuilder b = Conv2d.builder(in, out, k).groups(g).padding(Padding.SAME);
        Summary s = Summary.of(new Sequential(bias ? b.build() : b.withoutBias().build()), 2, in, 7, 6);
        assertEquals((long) k * k * in * out / g + (bias ? out : 0), s.totalParameters());
        assertEquals(2L * out * 7 * 6 * (in / g) * k * k, s.totalMacs(), "MACs for a batch of 2");
    }

    @ParameterizedTest(name = "in={0} out={1} k={2} m={3}")
    @CsvSource({"8, 16, 3, 1", "8, 16, 3, 2", "3, 5, 5, 3"})
    void separableParameterCountClosedForm(int in, int out, int k, int m) {
        var full = DepthwiseSeparableConv2d.builder(in, out, k).depthMultiplier(m).build();
        var bare = DepthwiseSeparableConv2d.builder(in, out, k).depthMultiplier(m).withoutDepthwiseBias()
                .withoutPointwiseBias().build();
        long weights = (long) k * k * in * m + (long) in * m * out;
        assertEquals(weights + in * m + out, Summary.of(full, 1, in, 9, 9).totalParameters());
        assertEquals(weights, Summary.of(bare, 1, in, 9, 9).totalParameters());
        long ho = 9 - k + 1;
        assertEquals(ho * ho * ((long) in * m * k * k + (long) in * m * out), Summary.of(bare, 1, in, 9, 9).totalMacs());
    }

    @Test
    void twoStacked3x3SeeA5x5AsDoesADilated3x3() {
        Summary two = Summary.of(new Sequential(new Conv2d(16, 16, 3), new Conv2d(16, 16, 3)), 1, 16, 12, 12);
        Summary five = Summary.of(new Conv2d(16, 16, 5), 1, 16, 12, 12);
        Summary dilated = Summary.of(Conv2d.builder(16, 16, 3).dilation(2).build(), 1, 16, 12, 12);
        assertEquals("5x5", two.rows().get(1).receptiveField());
        assertEquals("5x5", five.rows().get(0).receptiveField());
        assertEquals("5x5", dilated.rows().get(0).receptiveField());
        assertEquals(2 * (9 * 256 + 16), two.totalParameters());
        assertEquals(25 * 256 + 16, five.totalParameters());
        assertEquals(9 * 256 + 16, dilated.totalParameters());
    }

    @Test
    void sameWithStrideShowsAsymmetricPaddingAndRestoresModes() {
        Sequential m = new Sequential(Conv2d.builder(1, 2, 3).stride(2).padding(Padding.SAME).build(),
                new BatchNorm2d(2), new Dropout(0.5));
        Summary s = Summary.of(m, 1, 1, 6, 6);
        assertEquals("Conv2d 3x3 s2 same(t0 b1 l0 r1)", s.rows().get(0).type());
        assertArrayEquals(new long[] {1, 2, 3, 3}, s.rows().get(0).outputShape());
        assertTrue(m.isTraining() && m.get(1).isTraining(), "modes restored");
        assertEquals(0L, m.stateDict().get("1.num_batches_tracked").getLong(0), "eval pass leaves buffers alone");
    }
}
