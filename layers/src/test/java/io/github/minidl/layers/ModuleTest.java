package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.PadMode;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.checkpoint.KeyMatching;
import io.github.minidl.layers.checkpoint.StateDictDiff;
import io.github.minidl.layers.checkpoint.StateDictMismatchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModuleTest {

    /** A custom module: register parts in fields, compose them in forward. */
    static final class TinyNet extends Module {
        private final Conv2d conv = registerModule("conv", new Conv2d(1, 4, 3));
        private final Linear fc = registerModule("fc", new Linear(4 * 4 * 4, 3));

        @Override
        public Tensor forward(Tensor x) {
            return fc.forward(F.flatten(F.relu(conv.forward(x))));
        }
    }

    static Sequential cnn() {
        return new Sequential(
                new Sequential(Conv2d.builder(1, 4, 3).padding(1).build(), new BatchNorm2d(4), new ReLU()),
                new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 5));
    }

    @Test
    void customModuleInAFewLines() {
        Init.manualSeed(1);
        TinyNet net = new TinyNet();
        Tensor y = net.forward(Tensor.zeros(DataType.FLOAT, 2, 1, 6, 6));
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertEquals(List.of("conv.weight", "conv.bias", "fc.weight", "fc.bias"),
                new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(4 * 9 + 4 + 64 * 3 + 3, net.trainableParameterCount());
        y.sum().backward();
        net.parameters().forEach(p -> assertNotNull(p.grad()));
        net.zeroGrad();
        net.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void dottedNamesAndPyTorchStateDictOrder() {
        Sequential m = cnn();
        assertEquals(List.of("0.0.weight", "0.0.bias", "0.1.weight", "0.1.bias", "0.1.running_mean",
                "0.1.running_var", "0.1.num_batches_tracked", "3.weight", "3.bias"), new ArrayList<>(m.stateDict().keySet()));
        assertEquals(List.of("", "0", "0.0", "0.1", "0.2", "1", "2", "3"), new ArrayList<>(m.namedModules().keySet()));
        assertEquals(List.of("0.1.running_mean", "0.1.running_var", "0.1.num_batches_tracked"),
                new ArrayList<>(m.namedBuffers().keySet()));
        assertEquals(DataType.LONG, m.stateDict().get("0.1.num_batches_tracked").dataType());
    }

    @Test
    void reprLikePyTorch() {
        String expected = String.join("\n",
                "Sequential(",
                "  (0): Sequential(",
                "    (0): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
                "    (1): BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=True, track_running_stats=True)",
                "    (2): ReLU()",
                "  )",
                "  (1): MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), dilation=(1, 1), ceil_mode=False)",
                "  (2): Flatten(start_dim=1, end_dim=-1)",
                "  (3): Linear(in_features=36, out_features=5, bias=True)",
                ")");
        assertEquals(expected, cnn().toString());
        assertEquals("Conv2d(2, 4, kernel_size=(3, 3), stride=(2, 2), padding=same, groups=2, bias=False,"
                + " padding_mode=reflect)", Conv2d.builder(2, 4, 3).stride(2).padding(Padding.SAME).groups(2)
                .withoutBias().paddingMode(PadMode.REFLECT).build().toString());
        assertEquals("Conv2d(2, 4, kernel_size=(1, 1), stride=(1, 1))", new Conv2d(2, 4, 1).toString());
        assertEquals("Conv2d(2, 4, kernel_size=(1, 1), stride=(1, 1), padding=valid)",
                Conv2d.builder(2, 4, 1).padding(Padding.VALID).build().toString());
        assertEquals("ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))",
                ConvTranspose2d.builder(4, 2, 3).stride(2).padding(1).outputPadding(1).build().toString());
        assertEquals("AvgPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))", new AvgPool2d(2).toString());
        assertEquals("MaxUnpool2d(kernel_size=(3, 3), stride=(3, 3), padding=(0, 0))", new MaxUnpool2d(3).toString());
        assertEquals("AdaptiveMaxPool2d(output_size=(2, 3))", new AdaptiveMaxPool2d(2, 3).toString());
        assertEquals("PixelShuffle(upscale_factor=2)", new PixelShuffle(2).toString());
        assertEquals("PixelUnshuffle(downscale_factor=3)", new PixelUnshuffle(3).toString());
        assertEquals("ChannelShuffle(groups=4)", new ChannelShuffle(4).toString());
    }

    @Test
    void trainEvalPropagateAndApplyVisitsChildrenFirst() {
        Sequential m = cnn();
        assertTrue(m.isTraining());
        m.eval();
        m.namedModules().values().forEach(x -> assertFalse(x.isTraining()));
        m.train();
        m.namedModules().values().forEach(x -> assertTrue(x.isTraining()));
        List<String> order = new ArrayList<>();
        new Sequential(new ReLU(), new Sequential(new Tanh())).apply(x -> order.add(x.getClass().getSimpleName()));
        assertEquals(List.of("ReLU", "Tanh", "Sequential", "Sequential"), order);
    }

    @Test
    void toDoubleCastsParametersAndFloatBuffersOnly() {
        Sequential m = cnn();
        float w = m.stateDict().get("0.0.weight").getFloat(0);
        m.to(DataType.DOUBLE);
        assertEquals(DataType.DOUBLE, m.dataType());
        Map<String, INDArray> sd = m.stateDict();
        assertEquals(DataType.DOUBLE, sd.get("0.1.running_var").dataType());
        assertEquals(DataType.LONG, sd.get("0.1.num_batches_tracked").dataType());
        assertEquals(w, sd.get("0.0.weight").getDouble(0), 0.0);
        m.parameters().forEach(p -> assertTrue(p.requiresGrad()));
        assertThrows(IllegalArgumentException.class, () -> m.to(DataType.INT32));
    }

    @Test
    void loadStateDictCopiesBitExactAndLenientReportsKeys() {
        Init.manualSeed(3);
        Sequential a = cnn();
        Init.manualSeed(4);
        Sequential b = cnn();
        b.loadStateDict(a.stateDict(), KeyMatching.STRICT);
        assertBitEqual(a.stateDict(), b.stateDict(), "loaded state dict");
        assertFalse(a.stateDict().get("3.weight") == b.stateDict().get("3.weight"), "values copied, not aliased");

        Map<String, INDArray> partial = new LinkedHashMap<>(a.stateDict());
        partial.remove("3.bias");
        partial.put("extra.weight", Nd4j.zeros(DataType.FLOAT, 1));
        StateDictDiff diff = b.loadStateDict(partial, KeyMatching.LENIENT);
        assertEquals(List.of("3.bias"), diff.missingKeys());
        assertEquals(List.of("extra.weight"), diff.unexpectedKeys());
        var e = assertThrows(StateDictMismatchException.class, () -> b.loadStateDict(partial, KeyMatching.STRICT));
        assertTrue(e.getMessage().contains("3.bias") && e.getMessage().contains("extra.weight"), e.getMessage());
    }

    @Test
    void loadStateDictShapeMismatchNamesKey() {
        Sequential m = cnn();
        Map<String, INDArray> sd = new LinkedHashMap<>(m.stateDict());
        sd.put("3.weight", Nd4j.zeros(DataType.FLOAT, 5, 35));
        var e = assertThrows(StateDictMismatchException.class, () -> m.loadStateDict(sd, KeyMatching.LENIENT));
        assertTrue(e.getMessage().contains("3.weight"), e.getMessage());
        sd.put("3.weight", Nd4j.zeros(DataType.DOUBLE, 5, 36));
        var d = assertThrows(StateDictMismatchException.class, () -> m.loadStateDict(sd, KeyMatching.STRICT));
        assertTrue(d.getMessage().contains("3.weight"), d.getMessage());
    }

    @Test
    void functionalCallSubstitutesAndRestores() {
        Linear l = new Linear(2, 1);
        Parameter w = l.weight();
        Tensor before = w.tensor();
        Tensor ones = Tensor.of(Nd4j.ones(DataType.FLOAT, 1, 2));
        Tensor zero = Tensor.of(Nd4j.zeros(DataType.FLOAT, 1));
        Tensor y = l.functionalCall(Map.of("weight", ones, "bias", zero),
                Tensor.of(Nd4j.createFromArray(new float[][] {{2, 3}})));
        assertEquals(5.0, y.item(), 0.0);
        assertSame(before, w.tensor());
        var e = assertThrows(IllegalArgumentException.class,
                () -> l.functionalCall(Map.of("nope", ones), Tensor.zeros(DataType.FLOAT, 1, 2)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertSame(before, w.tensor());
    }

    @Test
    void sharedParametersCountOnceAndDuplicateNamesRejected() {
        Linear shared = new Linear(3, 3);
        Sequential s = new Sequential(shared, shared);
        assertEquals(2, s.parameters().size());
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(s.namedParameters().keySet()));
        var e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerModule("a", new ReLU());
                registerModule("a", new ReLU());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        });
        assertTrue(e.getMessage().contains("name='a'"), e.getMessage());
    }

    @Test
    void defaultInitBoundsFollowPyTorch() {
        Init.manualSeed(5);
        Conv2d c = Conv2d.builder(4, 6, 3).groups(2).build();
        double bound = 1 / Math.sqrt(2 * 9);
        assertTrue(c.weight().data().amaxNumber().doubleValue() <= bound);
        assertTrue(c.bias().data().amaxNumber().doubleValue() <= bound);
        assertTrue(c.weight().data().amaxNumber().doubleValue() > 0.8 * bound, "spread over the range");
        ConvTranspose2d t = ConvTranspose2d.builder(8, 2, 3).build();
        double tb = 1 / Math.sqrt(2 * 9);  // fanIn = weight.size(1)·k·k = out/groups·9
        assertTrue(t.weight().data().amaxNumber().doubleValue() <= tb);
        assertTrue(t.weight().data().amaxNumber().doubleValue() > 1 / Math.sqrt(8 * 9), "not fanIn = in·k·k");
        assertTrue(t.bias().data().amaxNumber().doubleValue() <= tb);
        assertEquals(DataType.FLOAT, c.dataType());
        Init.manualSeed(5);
        assertEquals(c.weight().data(), Conv2d.builder(4, 6, 3).groups(2).build().weight().data(), "seeded");
    }
}
