package io.github.minidl.layers.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.testing.RandomArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checkpoint contents for tests and a bit-level comparison of them. */
final class Fixtures {
    private Fixtures() {
    }

    /** A small model plus optimiser state covering the four main dtypes and awkward values. */
    static CheckpointContent small(long seed) {
        var rng = new SplittableRandom(seed);
        Map<String, INDArray> model = new LinkedHashMap<>();
        model.put("features.0.weight", RandomArrays.randn(rng, DataType.FLOAT, 4, 1, 3, 3));
        model.put("features.0.bias", Nd4j.createFromArray(Float.NaN, -0.0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY));
        model.put("bn.num_batches_tracked", Nd4j.scalar(DataType.INT64, 7 + seed));
        model.put("fc.weight", RandomArrays.randn(rng, DataType.DOUBLE, 3, 5));
        model.put("fc.index", Nd4j.createFromArray(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE));
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        buffers.put("0.exp_avg", RandomArrays.randn(rng, DataType.FLOAT, 4, 1, 3, 3));
        buffers.put("3.step", Nd4j.createFromArray(Long.MIN_VALUE, Long.MAX_VALUE, seed));
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("lr", 0.1 / 3);
        scalars.put("step", 1200.0 + seed);
        return CheckpointContent.of(model)
                .withOptimizer(new OptimizerState("Adam", scalars, buffers))
                .withMetadata(Map.of("epoch", Long.toString(seed), "note", "ünïcødé \"quoted\""));
    }

    /** Element bits of an array in c order (raw NaN payloads for floats). */
    static long[] bits(INDArray a) {
        INDArray c = a.dup('c');
        long n = c.length();
        long[] out = new long[(int) n];
        switch (c.dataType()) {
            case FLOAT -> {
                float[] v = c.data().asFloat();
                for (int i = 0; i < n; i++) {
                    out[i] = Float.floatToRawIntBits(v[i]);
                }
            }
            case DOUBLE -> {
                double[] v = c.data().asDouble();
                for (int i = 0; i < n; i++) {
                    out[i] = Double.doubleToRawLongBits(v[i]);
                }
            }
            case LONG -> System.arraycopy(c.data().asLong(), 0, out, 0, (int) n);
            case INT -> {
                int[] v = c.data().asInt();
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
            default -> {
                double[] v = c.castTo(DataType.DOUBLE).data().asDouble();
                for (int i = 0; i < n; i++) {
                    out[i] = Double.doubleToRawLongBits(v[i]);
                }
            }
        }
        return out;
    }

    static void assertSameArrays(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), what + " keys in order");
        expected.forEach((k, e) -> {
            INDArray a = actual.get(k);
            assertEquals(e.dataType(), a.dataType(), what + " " + k);
            assertArrayEquals(e.shape(), a.shape(), what + " " + k);
            assertArrayEquals(bits(e), bits(a), what + " " + k);
        });
    }

    static void assertSameContent(CheckpointContent expected, CheckpointContent actual) {
        assertSameArrays(expected.model(), actual.model(), "model");
        assertEquals(expected.metadata(), actual.metadata());
        assertEquals(List.copyOf(expected.metadata().keySet()), List.copyOf(actual.metadata().keySet()));
        assertEquals(expected.optimizer().isPresent(), actual.optimizer().isPresent());
        expected.optimizer().ifPresent(o -> {
            OptimizerState a = actual.optimizer().orElseThrow();
            assertEquals(o.type(), a.type());
            assertEquals(o.scalars(), a.scalars());
            assertSameArrays(o.buffers(), a.buffers(), "optimizer");
        });
    }
}
