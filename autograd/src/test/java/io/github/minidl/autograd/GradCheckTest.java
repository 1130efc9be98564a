package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The gradient checker itself: it must fail on a wrong backward and refuse float32. */
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
}
