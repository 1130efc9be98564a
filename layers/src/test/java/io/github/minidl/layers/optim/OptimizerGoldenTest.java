package io.github.minidl.layers.optim;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.Parameter;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Four steps of SGD, Adam, AdamW, RMSprop and Adagrad (some maximizing) reproduce PyTorch's
 * parameters at 1e-10, also when resumed from state() midway.
 */
class OptimizerGoldenTest {
    private static final double TOL = 1e-10;

    static Stream<GoldenCase> cases() {
        return Stream.concat(Golden.cases("training_cases", "sgd", "adam", "adamw"),
                Golden.cases("parity_training_cases", "sgd", "adam", "adamw", "rmsprop", "adagrad"));
    }

    static Optimizer optimizer(GoldenCase c, Parameter p) {
        boolean max = c.boolParam("maximize");
        return switch (c.op()) {
            case "sgd" -> {
                SgdOptions o = SgdOptions.lr(c.doubleParam("lr")).withMomentum(c.doubleParam("momentum"))
                        .withDampening(c.doubleParam("dampening")).withWeightDecay(c.doubleParam("weight_decay"));
                o = c.boolParam("nesterov") ? o.withNesterov() : o;
                yield new SGD(List.of(p), max ? o.withMaximize() : o);
            }
            case "adam", "adamw" -> {
                AdamOptions o = AdamOptions.lr(c.doubleParam("lr"))
                        .withBetas(c.params().get("betas").get(0).asDouble(), c.params().get("betas").get(1).asDouble())
                        .withEps(c.doubleParam("eps")).withWeightDecay(c.doubleParam("weight_decay"));
                o = c.boolParam("amsgrad") ? o.withAmsgrad() : o;
                o = max ? o.withMaximize() : o;
                yield c.op().equals("adam") ? new Adam(List.of(p), o) : new AdamW(List.of(p), o);
            }
            case "rmsprop" -> {
                RmspropOptions o = RmspropOptions.lr(c.doubleParam("lr")).withAlpha(c.doubleParam("alpha"))
                        .withEps(c.doubleParam("eps")).withWeightDecay(c.doubleParam("weight_decay"))
                        .withMomentum(c.doubleParam("momentum"));
                o = c.boolParam("centered") ? o.withCentered() : o;
                yield new RMSprop(List.of(p), max ? o.withMaximize() : o);
            }
            case "adagrad" -> {
                AdagradOptions o = AdagradOptions.lr(c.doubleParam("lr")).withLrDecay(c.doubleParam("lr_decay"))
                        .withWeightDecay(c.doubleParam("weight_decay")).withEps(c.doubleParam("eps"))
                        .withInitialAccumulatorValue(c.doubleParam("initial_accumulator_value"));
                yield new Adagrad(List.of(p), max ? o.withMaximize() : o);
            }
            default -> throw new IllegalArgumentException(c.op());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsMatchPyTorch(GoldenCase c) {
        Parameter p = Parameter.of(c.tensor("p0").dup());
        Optimizer opt = optimizer(c, p);
        for (int k = 1; k <= c.intParam("steps"); k++) {
            p.tensor().setGrad(Tensor.of(c.tensor("g" + k)));
            opt.step();
            assertAllClose(c.tensor("p" + k), p.data(), TOL, c.id() + " p" + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumedFromStateMatchesPyTorch(GoldenCase c) {
        Parameter p = Parameter.of(c.tensor("p0").dup());
        Optimizer first = optimizer(c, p);
        for (int k = 1; k <= 2; k++) {
            p.tensor().setGrad(Tensor.of(c.tensor("g" + k)));
            first.step();
        }
        Parameter q = Parameter.of(p.data().dup());
        Optimizer second = optimizer(c, q);
        second.loadState(first.state());
        for (int k = 3; k <= c.intParam("steps"); k++) {
            q.tensor().setGrad(Tensor.of(c.tensor("g" + k)));
            second.step();
            assertAllClose(c.tensor("p" + k), q.data(), TOL, c.id() + " resumed p" + k);
        }
    }
}
