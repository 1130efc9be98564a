package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient checker itself: it must fail on a wrong backward (one part in a million, or in an
 * output direction a random projection cannot see), refuse float32 and refuse calls that would
 * check nothing.
 */
class GradCheckTest {
    /** y = x² whose backward forgets the factor 2. */
    private static Tensor wrongSquare(Tensor x) {
        return Node.record("wrongSquare", x.data().mul(x.data()), (gy, y, needs) -> new Tensor[] {gy.mul(x)}, x);
    }

    /** y = x² with a correct first derivative whose own backward is wrong (treats x as a constant). */
    private static Tensor squareWithConstantBackward(Tensor x) {
        return Node.record("square", x.data().mul(x.data()),
                (gy, y, needs) -> new Tensor[] {gy.mul(Tensor.of(x.data().mul(2)))}, x);
    }

    @Test
    void catchesAWrongBackwardAndNamesInputElementAndValues() {
        var rng = new SplittableRandom(11);
        Tensor a = Tensors.randn(rng, 2, 3);
        Tensor b = Tensors.randn(rng, 3);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(in -> wrongSquare(in[0]).add(in[1]), a, b));
        String m = e.getMessage();
        assertTrue(m.contains("input 0"), m);
        assertTrue(m.contains("numeric") && m.contains("analytic"), m);
        assertTrue(m.contains("element ["), m);
        GradCheckReport report = GradCheck.check(in -> wrongSquare(in[0]).add(in[1]), a, b);
        assertFalse(report.inputs().get(0).passed());
        assertTrue(report.inputs().get(1).passed(), "the correct input passes");
        assertTrue(report.toTable().contains("FAIL"), report.toTable());
    }

    @Test
    void passesACorrectBackwardAndReportsTinyErrors() {
        var rng = new SplittableRandom(12);
        GradCheckReport r = GradCheck.check(in -> in[0].mul(in[0]).mul(in[1]), Tensors.randn(rng, 4),
                Tensors.randn(rng, 4));
        assertTrue(r.passed(), r.toTable());
        assertEquals(2, r.inputs().size());
        assertTrue(r.maxAbsError() < 1e-7, r.toTable());
    }

    @Test
    void gradgradcheckCatchesABackwardThatIsNotDifferentiable() {
        var rng = new SplittableRandom(13);
        Tensor x = Tensors.randn(rng, 5);
        GradCheck.assertGradients(in -> squareWithConstantBackward(in[0]), x);
        assertThrows(AssertionError.class, () -> GradCheck.gradgradcheck(in -> squareWithConstantBackward(in[0]), x));
        GradCheck.gradgradcheck(in -> in[0].mul(in[0]), x);
    }

    @Test
    void refusesFloat32UnlessForced() {
        var rng = new SplittableRandom(14);
        Tensor x = Tensors.randn(rng, DataType.FLOAT, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp(), x));
        assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("FLOAT"), e.getMessage());
        GradCheckReport r = GradCheck.check(in -> in[0].exp(),
                GradCheckOptions.defaults().withFloat32Allowed().withEps(1e-2).withAtol(1e-2).withRtol(1e-2), x);
        assertTrue(r.passed(), r.toTable());
    }

    @Test
    void onlyInputsThatRequireGradAreCheckedWhenSomeDo() {
        var rng = new SplittableRandom(15);
        Tensor a = Tensors.randn(rng, 3).requiresGrad(true);
        Tensor b = Tensors.randn(rng, 3);
        GradCheckReport r = GradCheck.check(in -> in[0].mul(in[1]), a, b);
        assertEquals(1, r.inputs().size());
        assertEquals(0, r.inputs().get(0).input());
    }

    /** y = x² whose backward is off by one part in a million. */
    private static Tensor slightlyWrongSquare(Tensor x) {
        return Node.record("slightlyWrongSquare", x.data().mul(x.data()),
                (gy, y, needs) -> new Tensor[] {gy.mul(x).mul(2 * (1 + 1e-6))}, x);
    }

    @Test
    void catchesARelativeErrorOfOnePartInAMillion() {
        Tensor x = Tensor.of(Nd4j.createFromArray(0.5, 1.0, -1.5, 2.0));
        GradCheck.assertGradients(in -> in[0].mul(in[0]), x);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(in -> slightlyWrongSquare(in[0]), x));
        assertTrue(e.getMessage().contains("input 0"), e.getMessage());
    }

    /**
     * y = x (two elements) whose backward adds 0.5·(v1·gy0 − v0·gy1) to gx0, where v is the
     * checker's own random projection: zero along v, wrong along each output element.
     */
    @Test
    void checksEveryOutputDirectionOfASmallOutput() {
        double[] v = Nd.doubles(GradCheck.randn(new SplittableRandom(GradCheckOptions.defaults().seed()),
                DataType.DOUBLE, 2));
        Function<Tensor[], Tensor> f = in -> Node.record("hidden", in[0].data().dup(), (gy, y, needs) -> {
            double[] g = Nd.doubles(gy.data());
            double[] gx = {g[0] + 0.5 * (v[1] * g[0] - v[0] * g[1]), g[1]};
            return new Tensor[] {Tensor.of(Nd4j.createFromArray(gx))};
        }, in[0]);
        Tensor x = Tensor.of(Nd4j.createFromArray(0.3, -0.7));
        assertTrue(GradCheck.check(f, GradCheckOptions.defaults().withEveryDirectionUpTo(0), x).passed(),
                "one random projection cannot see this error");
        GradCheckReport r = GradCheck.check(f, x);
        assertFalse(r.passed(), r.toTable());
        String m = r.inputs().get(0).describe();
        assertTrue(m.contains("element [0], output element ["), m);
    }

    @Test
    void refusesToCheckNothing() {
        Tensor labels = Tensor.of(Nd4j.createFromArray(1L, 2L));
        // The function itself runs on integers: before, the check passed having compared nothing.
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> Tensor.of(in[0].data().castTo(DataType.DOUBLE)), labels));
        assertTrue(e.getMessage().contains("nothing to check") && e.getMessage().contains("[LONG]"), e.getMessage());
    }

    @Test
    void refusesAFunctionThatReturnsNull() {
        Tensor x = Tensors.randn(new SplittableRandom(16), 3);
        var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> null, x));
        assertTrue(e.getMessage().contains("the function returned null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradCheck.checkGradGrad(in -> null,
                GradCheckOptions.defaults(), x));
        assertTrue(e.getMessage().contains("the function returned null"), e.getMessage());
    }
}
