package io.github.minidl.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.minidl.layers.Parameter;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

class LrScheduleGoldenTest {
    private static final double TOL = 1e-12;

    static Stream<GoldenCase> schedules() {
        return Stream.concat(Golden.cases("training_cases", "step_lr", "cosine_annealing_lr"),
                Golden.cases("parity_training_cases", "step_lr", "multi_step_lr", "exponential_lr", "linear_lr",
                        "one_cycle_lr", "sequential_lr"));
    }

    private static LrSchedule scheduleOf(GoldenCase c) {
        return switch (c.op()) {
            case "step_lr" -> new StepLR(c.intParam("step_size"), c.doubleParam("gamma"));
            case "cosine_annealing_lr" -> new CosineAnnealingLR(c.intParam("T_max"), c.doubleParam("eta_min"));
            case "multi_step_lr" -> new MultiStepLR(c.ints("milestones"), c.doubleParam("gamma"));
            case "exponential_lr" -> new ExponentialLR(c.doubleParam("gamma"));
            case "linear_lr" -> new LinearLR(c.doubleParam("start_factor"), c.doubleParam("end_factor"),
                    c.intParam("total_iters"));
            case "one_cycle_lr" -> oneCycleOf(c);
            case "sequential_lr" -> SequentialLR.withWarmup(c.doubleParam("warmup_start_factor"),
                    c.intParam("warmup_iters"), new CosineAnnealingLR(c.intParam("T_max"), c.doubleParam("eta_min")));
            default -> throw new IllegalArgumentException(c.op());
        };
    }

    private static OneCycleLR oneCycleOf(GoldenCase c) {
        OneCycleLR s = new OneCycleLR(c.doubleParam("max_lr"), c.intParam("total_steps"))
                .withPctStart(c.doubleParam("pct_start")).withDivFactor(c.doubleParam("div_factor"))
                .withFinalDivFactor(c.doubleParam("final_div_factor"));
        s = c.params().get("anneal_strategy").asText().equals("linear") ? s.withLinearAnnealing() : s;
        return c.boolParam("three_phase") ? s.withThreePhases() : s;
    }

    private static double[] numbers(GoldenCase c, String field) {
        JsonNode a = c.json().get(field);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void pureScheduleMatchesPyTorch(GoldenCase c) {
        LrSchedule s = scheduleOf(c);
        double[] lrs = numbers(c, "lrs");
        assertEquals(c.intParam("epochs"), lrs.length);
        for (int e = 0; e < lrs.length; e++) {
            assertEquals(lrs[e], s.learningRate(e, c.doubleParam("base_lr")), TOL, c.id() + " epoch " + e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void schedulerDrivesTargetAsPyTorch(GoldenCase c) {
        double[] lrs = numbers(c, "lrs");
        var target = new Rate(c.doubleParam("base_lr"));
        var scheduler = new LrScheduler(target, scheduleOf(c));
        List<Double> seen = new ArrayList<>();
        for (int e = 0; e < lrs.length; e++) {
            seen.add(target.learningRate());
            scheduler.step();
        }
        for (int e = 0; e < lrs.length; e++) {
            assertEquals(lrs[e], seen.get(e), TOL, c.id() + " epoch " + e);
        }
        assertEquals(lrs.length, scheduler.epoch());
    }

    @Test
    void cosineClosedFormMatchesPyTorchClosedForm() {
        GoldenCase c = Golden.cases("training_cases", "cosine_annealing_lr").findFirst().orElseThrow();
        var s = (CosineAnnealingLR) scheduleOf(c);
        double[] closed = numbers(c, "lrs_closed_form");
        for (int e = 0; e < closed.length; e++) {
            assertEquals(closed[e], s.closedForm(e, 0.1), TOL, "closed form epoch " + e);
        }
    }

    @Test
    void cosineRisesPastTMaxAndRecursiveAgreesWithClosedFormOverManyPeriods() {
        var s = new CosineAnnealingLR(5, 0.001);
        assertEquals(0.001, s.learningRate(5, 0.1), TOL);
        assertTrue(s.learningRate(6, 0.1) > s.learningRate(5, 0.1));
        for (int e = 0; e < 200; e++) {
            assertEquals(s.closedForm(e, 0.1), s.learningRate(e, 0.1), 1e-12, "epoch " + e);
        }
    }

    @Test
    void stepLrIsBaseTimesGammaPower() {
        var s = new StepLR(3, 0.1);
        for (int e = 0; e < 20; e++) {
            assertEquals(0.3 * Math.pow(0.1, e / 3), s.learningRate(e, 0.3), 1e-15, "epoch " + e);
        }
    }

    @Test
    void resumingTheSchedulerRestoresTheRate() {
        var a = new Rate(0.1);
        var s1 = new LrScheduler(a, new CosineAnnealingLR(7, 0.0));
        for (int i = 0; i < 4; i++) {
            s1.step();
        }
        var b = new Rate(0.1);
        var s2 = new LrScheduler(b, new CosineAnnealingLR(7, 0.0));
        s2.setEpoch(s1.epoch());
        assertEquals(a.learningRate(), b.learningRate(), 0.0);
        assertEquals(s1.learningRate(), s2.learningRate(), 0.0);
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertMessage(() -> new StepLR(0, 0.5), "stepSize=0");
        assertMessage(() -> new StepLR(2, -0.5), "gamma=-0.5");
        assertMessage(() -> new StepLR(2, Double.NaN), "gamma=NaN");
        assertMessage(() -> new CosineAnnealingLR(0, 0), "tMax=0");
        assertMessage(() -> new CosineAnnealingLR(5, -0.5), "etaMin=-0.5");
        assertMessage(() -> new StepLR(2, 0.5).learningRate(-1, 0.1), "epoch=-1");
        assertMessage(() -> new LrScheduler(new Rate(0.1), new StepLR(2, 0.5)).setEpoch(-3), "epoch=-3");
        assertMessage(() -> new MultiStepLR(new int[] {3, -1}, 0.5), "milestones=[3, -1]");
        assertMessage(() -> new ExponentialLR(Double.POSITIVE_INFINITY), "gamma=Infinity");
        assertMessage(() -> new LinearLR(0, 1, 4), "startFactor=0.0");
        assertMessage(() -> new LinearLR(0.5, 1.5, 4), "endFactor=1.5");
        assertMessage(() -> new LinearLR(0.5, 1, 0), "totalIters=0");
        assertMessage(() -> new OneCycleLR(0.1, 0), "totalSteps=0");
        assertMessage(() -> new OneCycleLR(0.1, 10).withPctStart(1.5), "pctStart=1.5");
        assertMessage(() -> new OneCycleLR(0.1, 10).learningRate(11, 0.1), "step=11");
        assertMessage(() -> new SequentialLR(List.of(new ExponentialLR(0.5), new ExponentialLR(0.9))), "milestones");
        assertMessage(() -> new SequentialLR(List.of(new ExponentialLR(0.5), new ExponentialLR(0.9),
                new ExponentialLR(0.9)), 3, 3), "strictly increasing");
        assertMessage(() -> PlateauOptions.min().withFactor(1.0), "factor=1.0");
        assertMessage(() -> PlateauOptions.max().withPatience(-1), "patience=-1");
    }

    /** PyTorch's ReduceLROnPlateau on a recorded metric sequence: the rate of every epoch. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("plateaus")
    void reduceOnPlateauMatchesPyTorch(GoldenCase c) {
        PlateauOptions o = c.params().get("mode").asText().equals("min") ? PlateauOptions.min() : PlateauOptions.max();
        double t = c.doubleParam("threshold");
        o = (c.params().get("threshold_mode").asText().equals("rel") ? o.withRelativeThreshold(t)
                : o.withAbsoluteThreshold(t)).withFactor(c.doubleParam("factor")).withPatience(c.intParam("patience"))
                .withCooldown(c.intParam("cooldown")).withMinLr(c.doubleParam("min_lr")).withEps(c.doubleParam("eps"));
        var target = new Rate(c.doubleParam("base_lr"));
        var plateau = new ReduceLROnPlateau(target, o);
        double[] lrs = numbers(c, "lrs");
        double[] metrics = numbers(c, "metrics");
        for (int e = 0; e < lrs.length; e++) {
            assertEquals(lrs[e], target.learningRate(), TOL, c.id() + " epoch " + e);
            plateau.step(metrics[e]);
        }
    }

    static Stream<GoldenCase> plateaus() {
        return Golden.cases("parity_training_cases", "reduce_lr_on_plateau");
    }

    /** PyTorch's schedules start from the optimiser's rate: lr 0.1 with StepLR(2, 0.5) runs at 0.1, then 0.05. */
    @Test
    void theScheduleStartsFromTheOptimizersRate() {
        var sgd = new SGD(List.of(Parameter.of(Nd4j.zeros(2))),
                SgdOptions.lr(0.1));
        var scheduler = new LrScheduler(sgd, new StepLR(2, 0.5));
        assertEquals(0.1, sgd.learningRate(), 0.0);
        scheduler.step();
        scheduler.step();
        assertEquals(0.05, sgd.learningRate(), 0.0);
        // The rate it started from travels with the optimiser's state: a scheduler attached after a
        // restore (the optimiser now at 0.05) still starts from 0.1.
        var restored = new SGD(List.of(Parameter.of(Nd4j.zeros(2))),
                SgdOptions.lr(0.1));
        restored.loadState(sgd.state());
        assertEquals(0.05, restored.learningRate(), 0.0);
        var resumed = new LrScheduler(restored, new StepLR(2, 0.5));
        assertEquals(0.1, resumed.initialLearningRate(), 0.0);
        resumed.setEpoch(4);
        assertEquals(0.025, restored.learningRate(), 0.0);
    }

    /** γ = 0, which PyTorch accepts: the rate drops to 0 after the first step. */
    @Test
    void stepLrAcceptsGammaZero() {
        var s = new StepLR(3, 0.0);
        assertEquals(0.2, s.learningRate(2, 0.2), 0.0);
        assertEquals(0.0, s.learningRate(3, 0.2), 0.0);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A bare learning-rate holder standing in for an optimiser. */
    static final class Rate implements HasLearningRate {
        private double lr;
        private double initial = Double.NaN;

        Rate(double lr) {
            this.lr = lr;
        }

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }

        @Override
        public double initialLearningRate() {
            return initial;
        }

        @Override
        public void setInitialLearningRate(double initialLearningRate) {
            initial = initialLearningRate;
        }
    }
}
