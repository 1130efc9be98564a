package io.github.minidl.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LrScheduleGoldenTest {
    private static final double TOL = 1e-12;

    static Stream<GoldenCase> schedules() {
        return Golden.cases("training_cases", "step_lr", "cosine_annealing_lr");
    }

    private static LrSchedule scheduleOf(GoldenCase c) {
        return switch (c.op()) {
            case "step_lr" -> new StepLR(c.doubleParam("base_lr"), c.intParam("step_size"), c.doubleParam("gamma"));
            case "cosine_annealing_lr" ->
                    new CosineAnnealingLR(c.doubleParam("base_lr"), c.intParam("T_max"), c.doubleParam("eta_min"));
            default -> throw new IllegalArgumentException(c.op());
        };
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
            assertEquals(lrs[e], s.learningRate(e), TOL, c.id() + " epoch " + e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void schedulerDrivesTargetAsPyTorch(GoldenCase c) {
        double[] lrs = numbers(c, "lrs");
        var target = new Rate();
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
            assertEquals(closed[e], s.closedForm(e), TOL, "closed form epoch " + e);
        }
    }

    @Test
    void cosineRisesPastTMaxAndRecursiveAgreesWithClosedFormOverManyPeriods() {
        var s = new CosineAnnealingLR(0.1, 5, 0.001);
        assertEquals(0.001, s.learningRate(5), TOL);
        assertTrue(s.learningRate(6) > s.learningRate(5));
        for (int e = 0; e < 200; e++) {
            assertEquals(s.closedForm(e), s.learningRate(e), 1e-12, "epoch " + e);
        }
    }

    @Test
    void stepLrIsBaseTimesGammaPower() {
        var s = new StepLR(0.3, 3, 0.1);
        for (int e = 0; e < 20; e++) {
            assertEquals(0.3 * Math.pow(0.1, e / 3), s.learningRate(e), 1e-15, "epoch " + e);
        }
    }

    @Test
    void resumingTheSchedulerRestoresTheRate() {
        var a = new Rate();
        var s1 = new LrScheduler(a, new CosineAnnealingLR(0.1, 7, 0.0));
        for (int i = 0; i < 4; i++) {
            s1.step();
        }
        var b = new Rate();
        var s2 = new LrScheduler(b, new CosineAnnealingLR(0.1, 7, 0.0));
        s2.setEpoch(s1.epoch());
        assertEquals(a.learningRate(), b.learningRate(), 0.0);
        assertEquals(s1.learningRate(), s2.learningRate(), 0.0);
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertMessage(() -> new StepLR(0.1, 0, 0.5), "stepSize=0");
        assertMessage(() -> new StepLR(-1, 2, 0.5), "baseLr=-1.0");
        assertMessage(() -> new StepLR(0.1, 2, Double.NaN), "gamma=NaN");
        assertMessage(() -> new CosineAnnealingLR(0.1, 0, 0), "tMax=0");
        assertMessage(() -> new CosineAnnealingLR(0.1, 5, -0.5), "etaMin=-0.5");
        assertMessage(() -> new StepLR(0.1, 2, 0.5).learningRate(-1), "epoch=-1");
        assertMessage(() -> new LrScheduler(new Rate(), new StepLR(0.1, 2, 0.5)).setEpoch(-3), "epoch=-3");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A bare learning-rate holder standing in for an optimiser. */
    private static final class Rate implements HasLearningRate {
        private double lr = Double.NaN;

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double learningRate) {
            lr = learningRate;
        }
    }
}
