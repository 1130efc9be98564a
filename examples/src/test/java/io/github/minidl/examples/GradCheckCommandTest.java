package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.examples.gradcheck.LayerCase;
import io.github.minidl.examples.gradcheck.LayerCases;
import io.github.minidl.examples.gradcheck.LayerGradCheck;
import io.github.minidl.layers.Module;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GradCheckCommandTest {
    @Test
    void reducedSetPassesWithOneRowPerConfiguration() {
        Run r = Run.of("gradcheck", "--only", "conv2d,ConvTranspose2d,MSELoss");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Pattern.compile("\\nConv2d\\s+groups 2, dilation 2, no bias\\s+2\\s+\\d\\.\\d\\de-\\d+\\s+pass\\n")
                .matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("ConvTranspose2d           3x3, stride 2, padding 1, outputPadding 1"), r.out());
        assertTrue(r.out().contains("8 of 8 checks passed"), r.out());
        assertFalse(r.out().contains("Linear"), r.out());
    }

    @Test
    void everyLayerTypeHasACase() {
        for (String layer : new String[] {"Conv2d", "DepthwiseSeparableConv2d", "ConvTranspose2d", "Linear", "MaxPool2d",
            "AvgPool2d", "BatchNorm2d", "ReLU", "Sigmoid", "Tanh", "MSELoss", "CrossEntropyLoss"}) {
            assertTrue(LayerCases.layerNames().contains(layer), layer);
        }
    }

    @Test
    void aWrongGradientIsCaught() {
        // x * detach(x): autograd sees only one factor, so the analytic gradient is half the numeric one.
        Module wrong = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x.mul(Tensor.of(x.data().dup()));
            }
        };
        LayerGradCheck.LayerCheckResult r = LayerGradCheck.check(new LayerCase("Wrong", "", () -> wrong, new long[] {2, 3}), 1);
        assertFalse(r.passed(), r.report().toTable());
    }

    @Test
    void unknownLayerIsOneLineAndExitCodeTwo() {
        Run r = Run.of("gradcheck", "--only", "Conv3d");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("unknown layer 'Conv3d'; known: Conv2d, "), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }
}
