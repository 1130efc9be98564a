package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The functional golden cases of {@code parity_layer_cases} (PyTorch 1.13, float64, 1e-10):
 * batch-norm options, pooling options, interpolation, string padding, cropping, pixel
 * unshuffle and unbatched inputs.
 */
class ParityGoldenTest {
    private static final double TOL = 1e-10;
    private static final String FILE = "parity_layer_cases";

    static Stream<GoldenCase> batchNorm() {
        return Golden.cases(FILE, "batch_norm2d_options");
    }

    private static Tensor param(GoldenCase c, String name) {
        INDArray a = c.tensor(name);
        return a == null ? null : Tensor.of(a).requiresGrad(true);
    }

    private static INDArray gradOf(Tensor t) {
        return t == null ? null : t.grad().data();
    }

    private static INDArray step(INDArray stacked, int s) {
        return stacked.get(NDArrayIndex.point(s)).dup('c');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNorm")
    void batchNormOptions(GoldenCase c) {
        boolean track = c.boolParam("track_running_stats");
        boolean affine = c.boolParam("affine");
        Tensor w = affine ? param(c, "weight") : null;
        Tensor b = affine ? param(c, "bias") : null;
        BatchNormBuffers buffers = track ? new BatchNormBuffers(Tensor.of(c.tensor("running_mean")),
                Tensor.of(c.tensor("running_var")), Tensor.of(Nd4j.scalar(DataType.LONG, 0L))) : BatchNormBuffers.none();
        // PyTorch's module uses the batch statistics in eval mode when it tracks none.
        BatchNormOptions o = new BatchNormOptions(c.boolParam("training") || !track,
                c.params().get("momentum").isNull() ? null : c.doubleParam("momentum"), c.doubleParam("eps"));
        int steps = c.intParam("steps");
        Tensor x = null;
        Tensor y = null;
        for (int s = 0; s < steps; s++) {
            x = Tensor.of(step(c.tensor("xs"), s)).requiresGrad(true);
            y = F.batchNorm(x, buffers, w, b, o);
            assertAllClose(step(c.tensor("ys"), s), y.data(), TOL, c.id() + " y of step " + s);
        }
        y.backward(c.tensor("gy"));
        assertAllClose(c.tensor("gx"), gradOf(x), TOL, "gx");
        assertAllClose(c.tensor("gweight"), gradOf(w), TOL, "gweight");
        assertAllClose(c.tensor("gbias"), gradOf(b), TOL, "gbias");
        if (track) {
            assertAllClose(c.tensor("running_mean_after"), buffers.runningMean().data(), TOL, "running_mean");
            assertAllClose(c.tensor("running_var_after"), buffers.runningVar().data(), TOL, "running_var");
            assertEquals(c.tensor("num_batches_tracked_after", DataType.LONG).getLong(0),
                    buffers.numBatchesTracked().data().getLong(0), "num_batches_tracked");
        }
    }
}
