package io.github.minidl.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import io.github.minidl.layers.checkpoint.TrainingCheckpoint;
import io.github.minidl.layers.checkpoint.TrainingState;
import io.github.minidl.layers.data.LoaderPosition;
import io.github.minidl.testing.RandomArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every optimiser's state survives a checkpoint file: restored into a fresh optimiser it is equal
 * key by key, and the next steps are bit for bit those of the optimiser that never stopped.
 */
class OptimizerStateTest {
    @TempDir
    Path dir;

    record Kind(String name, Function<Module, Optimizer> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("SGD nesterov maximize", m -> new SGD(m.parameters(),
                        SgdOptions.lr(0.1).withMomentum(0.9).withNesterov().withMaximize())),
                new Kind("Adam amsgrad", m -> new Adam(m.parameters(), AdamOptions.lr(0.01).withAmsgrad())),
                new Kind("AdamW maximize", m -> new AdamW(m.parameters(), AdamOptions.adamW(0.01).withMaximize())),
                new Kind("RMSprop centered momentum", m -> new RMSprop(m.parameters(),
                        RmspropOptions.lr(0.01).withCentered().withMomentum(0.5).withWeightDecay(1e-3))),
                new Kind("Adagrad", m -> new Adagrad(m.parameters(),
                        AdagradOptions.lr(0.05).withLrDecay(0.01).withInitialAccumulatorValue(0.1))));
    }

    private static void steps(Module m, Optimizer opt, SplittableRandom rng, int n) {
        for (int k = 0; k < n; k++) {
            for (Parameter p : m.parameters()) {
                p.tensor().setGrad(Tensor.of(RandomArrays.randn(rng, DataType.DOUBLE, p.shape())));
            }
            opt.step();
        }
    }

    private static Module model() {
        Init.manualSeed(3);
        return new Linear(3, 2).to(DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void stateRoundTripsThroughACheckpoint(Kind kind) throws IOException {
        Module a = model();
        Optimizer first = kind.make().apply(a);
        new LrScheduler(first, new ExponentialLR(0.5)).step();
        steps(a, first, new SplittableRandom(1), 3);
        Path file = dir.resolve("opt.ckpt");
        TrainingCheckpoint.save(file, a, first, new TrainingState(LoaderPosition.start(), 1, 3, 7));

        Module b = model();
        Optimizer second = kind.make().apply(b);
        TrainingCheckpoint.restore(file, b, second);
        OptimizerState s1 = first.state();
        OptimizerState s2 = second.state();
        assertEquals(s1.type(), s2.type());
        assertEquals(s1.scalars(), s2.scalars());
        assertEquals(s1.flags(), s2.flags());
        assertEquals(s1.buffers().keySet(), s2.buffers().keySet());
        s1.buffers().forEach((k, v) -> assertEquals(v, s2.buffers().get(k), k));
        assertEquals(first.initialLearningRate(), second.initialLearningRate(), 0.0);

        steps(a, first, new SplittableRandom(2), 2);
        steps(b, second, new SplittableRandom(2), 2);
        Map<String, INDArray> pa = a.stateDict();
        b.stateDict().forEach((k, v) -> assertEquals(pa.get(k), v, "bit-exact " + k));
    }

    @Test
    void aStateWithStepsButWithoutItsBuffersIsRejected() {
        Module m = model();
        RMSprop opt = new RMSprop(m.parameters(), RmspropOptions.lr(0.01).withCentered());
        steps(m, opt, new SplittableRandom(4), 1);
        OptimizerState s = opt.state();
        Map<String, INDArray> buffers = new HashMap<>(s.buffers());
        buffers.remove("0.grad_avg");
        var e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(model().parameters(),
                RmspropOptions.lr(0.01).withCentered()).loadState(s.withBuffers(buffers)));
        assertTrue(e.getMessage().contains("0.grad_avg"), e.getMessage());
        var t = assertThrows(IllegalArgumentException.class, () -> new Adagrad(model().parameters(),
                AdagradOptions.lr(0.01)).loadState(s));
        assertTrue(t.getMessage().contains("'RMSprop'"), t.getMessage());
    }

    @Test
    void badHyperparametersNameTheParameter() {
        assertMessage(() -> RmspropOptions.lr(0.01).withAlpha(1.5), "alpha=1.5");
        assertMessage(() -> RmspropOptions.lr(0.01).withEps(0), "eps=0.0");
        assertMessage(() -> RmspropOptions.lr(0.01).withMomentum(-1), "momentum=-1.0");
        assertMessage(() -> AdagradOptions.lr(0.01).withLrDecay(-1), "lrDecay=-1.0");
        assertMessage(() -> AdagradOptions.lr(0.01).withInitialAccumulatorValue(Double.NaN),
                "initialAccumulatorValue=NaN");
        assertMessage(() -> AdagradOptions.lr(-0.01), "learningRate=-0.01");
        assertMessage(() -> SgdOptions.lr(0.1).withWeightDecay(-1), "weightDecay=-1.0");
    }

    /**
     * Checkpoints written before flags had a section of their own keep them as scalars 0 and 1
     * (these two files were written so, after six steps of Adam with amsgrad, weight decay 0.1 and
     * maximize, and of SGD with Nesterov momentum 0.9, weight decay 0.01 and maximize); they restore
     * the same options, and the state saved again holds typed flags.
     */
    @Test
    void checkpointsWithNumericFlagsStillRestore() throws Exception {
        Module m = model();
        Adam adam = new Adam(m.parameters(), AdamOptions.lr(0.5));
        TrainingCheckpoint.restore(resource("adam-numeric-flags.ckpt"), m, adam);
        assertEquals(AdamOptions.lr(0.01).withWeightDecay(0.1).withAmsgrad().withMaximize(), adam.options());
        assertEquals(Map.of("amsgrad", true, "maximize", true), adam.state().flags());
        assertFalse(adam.state().scalars().containsKey("amsgrad"));
        assertEquals(6.0, adam.state().scalars().get("0.step"));

        Module n = model();
        SGD sgd = new SGD(n.parameters(), SgdOptions.lr(0.5));
        TrainingCheckpoint.restore(resource("sgd-numeric-flags.ckpt"), n, sgd);
        assertEquals(SgdOptions.lr(0.1).withMomentum(0.9).withNesterov().withWeightDecay(0.01).withMaximize(),
                sgd.options());
    }

    @Test
    void flagsAreTypedAndReadBackFromOldStyleScalars() {
        Map<String, INDArray> none = Map.of();
        var typed = new OptimizerState("Adam", Map.of("lr", 0.1), Map.of("amsgrad", true), none);
        assertEquals(Optional.of(true), typed.flag("amsgrad"));
        assertEquals(Optional.empty(), typed.flag("maximize"));
        var old = new OptimizerState("Adam", Map.of("lr", 0.1, "amsgrad", 1.0, "maximize", 0.0), none);
        assertEquals(Optional.of(true), old.flag("amsgrad"));
        assertEquals(Optional.of(false), old.flag("maximize"));
        assertMessage(() -> new OptimizerState("Adam", Map.of("amsgrad", 0.5), none).flag("amsgrad"),
                "'amsgrad'=0.5 must be 0 or 1");
        assertMessage(() -> new OptimizerState("Adam", Map.of("amsgrad", 1.0), Map.of("amsgrad", true), none),
                "'amsgrad' is both a scalar and a flag");
    }

    /** The saved options go back through the options' constructor: a missing flag or a bad value is named. */
    @Test
    void savedOptionsAreCheckedOnLoad() {
        Module m = model();
        OptimizerState s = new Adam(m.parameters(), AdamOptions.lr(0.01)).state();
        Map<String, Double> scalars = new HashMap<>(s.scalars());
        scalars.put("beta1", 1.5);
        assertMessage(() -> new Adam(model().parameters(), AdamOptions.lr(0.01))
                .loadState(new OptimizerState(s.type(), scalars, s.flags(), s.buffers())), "beta1=1.5");
        assertMessage(() -> new Adam(model().parameters(), AdamOptions.lr(0.01))
                .loadState(new OptimizerState(s.type(), s.scalars(), Map.of("maximize", false), s.buffers())),
                "has no flag 'amsgrad'");
        var noMaximize = new OptimizerState(s.type(), s.scalars(), Map.of("amsgrad", true), s.buffers());
        Adam adam = new Adam(model().parameters(), AdamOptions.lr(0.5).withMaximize());
        adam.loadState(noMaximize);
        assertEquals(AdamOptions.lr(0.01).withAmsgrad(), adam.options());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(OptimizerStateTest.class.getResource("/optim/" + name).toURI());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
