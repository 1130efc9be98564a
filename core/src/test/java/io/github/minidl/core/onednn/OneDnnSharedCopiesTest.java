package io.github.minidl.core.onednn;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.ConvEngines;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.kernels.WeightBiasGrads;
import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inside {@link ConvKernels#sharingConversions}, a convolution's two backward kernels convert gy
 * to oneDNN's blocked layout once: the results equal those of separate calls bit for bit, the
 * copy is really reused, and it is not once the primitive that holds it has run on other data.
 */
class OneDnnSharedCopiesTest {
    private static final ConvSpec SPEC = ConvSpec.builder(16, 32, 3).padding(1).build();

    private static INDArray[] backward(INDArray x, INDArray w, INDArray gy) {
        INDArray gx = ConvKernels.convTranspose2d(gy, w, null, SPEC.transposeOf(10, 9));
        WeightBiasGrads g = ConvKernels.conv2dWeightBiasGrad(x, gy, SPEC);
        return new INDArray[] {gx, g.weight(), g.bias()};
    }

    @Test
    void gyIsConvertedOnceAndTheResultsDoNotChange() {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        OneDnnEngine engine = (OneDnnEngine) ConvEngines.oneDnn().orElseThrow();
        assumeTrue(ConvEngines.current() == engine, "float32 runs on another engine here");
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, 2, 16, 10, 9);
        INDArray w = RandomArrays.randn(rng, DataType.FLOAT, 32, 16, 3, 3);
        INDArray gy = RandomArrays.randn(rng, DataType.FLOAT, 2, 32, 10, 9);
        INDArray gyOther = RandomArrays.randn(rng, DataType.FLOAT, 2, 32, 10, 9);
        INDArray[] separate = backward(x, w, gy);
        long before = engine.sharedCopiesUsed();
        INDArray[] shared = ConvKernels.sharingConversions(new Object(), () -> backward(x, w, gy));
        assertTrue(engine.sharedCopiesUsed() > before, "the weight gradient reused gy's blocked copy");
        String[] names = {"gx", "gw", "gb"};
        for (int i = 0; i < 3; i++) {
            assertBitEqual(separate[i], shared[i], names[i]);
        }
        // The deconvolution runs again on other data between the two: its copy of gy is gone.
        INDArray[] interleaved = ConvKernels.sharingConversions(new Object(), () -> {
            ConvKernels.convTranspose2d(gy, w, null, SPEC.transposeOf(10, 9));
            ConvKernels.convTranspose2d(gyOther, w, null, SPEC.transposeOf(10, 9));
            long used = engine.sharedCopiesUsed();
            WeightBiasGrads g = ConvKernels.conv2dWeightBiasGrad(x, gy, SPEC);
            assertEquals(used, engine.sharedCopiesUsed(), "a stale copy is not used");
            return new INDArray[] {g.weight(), g.bias()};
        });
        assertBitEqual(separate[1], interleaved[0], "gw after the deconvolution ran again");
        assertBitEqual(separate[2], interleaved[1], "gb after the deconvolution ran again");
    }

    @Test
    void theForwardsConversionOfXServesTheWeightGradientUnderOneToken() {
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        OneDnnEngine engine = (OneDnnEngine) ConvEngines.oneDnn().orElseThrow();
        assumeTrue(ConvEngines.current() == engine, "float32 runs on another engine here");
        SplittableRandom rng = new SplittableRandom(4);
        INDArray x = RandomArrays.randn(rng, DataType.FLOAT, 2, 16, 10, 9);
        INDArray w = RandomArrays.randn(rng, DataType.FLOAT, 32, 16, 3, 3);
        INDArray gy = RandomArrays.randn(rng, DataType.FLOAT, 2, 32, 10, 9);
        WeightBiasGrads expected = ConvKernels.conv2dWeightBiasGrad(x, gy, SPEC);
        Object token = new Object();
        ConvKernels.sharingConversions(token, () -> ConvKernels.conv2d(x, w, null, SPEC));
        long before = engine.sharedCopiesUsed();
        WeightBiasGrads other = ConvKernels.sharingConversions(new Object(),
                () -> ConvKernels.conv2dWeightBiasGrad(x, gy, SPEC));
        assertEquals(before, engine.sharedCopiesUsed(), "another token sees nothing of the forward's");
        ConvKernels.sharingConversions(token, () -> ConvKernels.conv2d(x, w, null, SPEC));
        WeightBiasGrads shared = ConvKernels.sharingConversions(token,
                () -> ConvKernels.conv2dWeightBiasGrad(x, gy, SPEC));
        assertTrue(engine.sharedCopiesUsed() > before, "the weight gradient read the forward's copy of x");
        assertBitEqual(expected.weight(), other.weight(), "gw, another token");
        assertBitEqual(expected.weight(), shared.weight(), "gw, the forward's copy of x");
        assertBitEqual(expected.bias(), shared.bias(), "gb, the forward's copy of x");
    }
}
