package io.github.minidl.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checking by central finite differences, like {@code torch.autograd.gradcheck}.
 *
 * <p>A non-scalar output y is projected on a fixed random direction v, and the analytic
 * gradient of ⟨y, v⟩ (one backward) is compared element by element with
 * (⟨f(x + eps·e_i), v⟩ - ⟨f(x - eps·e_i), v⟩) / 2eps. Checked inputs are the ones that
 * require grad, or every floating input when none does; they are copied, never modified.
 * Inputs must be float64 unless {@link GradCheckOptions#allowFloat32()}.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Checks f's first derivatives and returns the per-input report. */
    public static GradCheckReport check(Function<Tensor[], Tensor> f, GradCheckOptions options, Tensor... inputs) {
        return run(f, options, inputs, selectInputs(inputs, options), false);
    }

    /** {@link #check} with default options. */
    public static GradCheckReport check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, GradCheckOptions.defaults(), inputs);
    }

    /** Checks f's first derivatives; throws an AssertionError naming input, element and both values. */
    public static void assertGradients(Function<Tensor[], Tensor> f, GradCheckOptions options, Tensor... inputs) {
        requirePassed("gradient check", check(f, options, inputs), options);
    }

    /** {@link #assertGradients} with default options. */
    public static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertGradients(f, GradCheckOptions.defaults(), inputs);
    }

    /**
     * Checks second derivatives: the gradient check of h(x, v) = Σ_k ⟨∂⟨f(x), v⟩/∂x_k, u_k⟩
     * (random fixed v and u_k) with respect to the inputs and v, the backward pass being
     * recorded with createGraph. Passes only when every backward is itself differentiable.
     */
    public static GradCheckReport checkGradGrad(Function<Tensor[], Tensor> f, GradCheckOptions options,
                                                Tensor... inputs) {
        boolean[] checked = selectInputs(inputs, options);
        Tensor[] probe = workingCopies(inputs, checked);
        Tensor y0 = f.apply(probe);
        SplittableRandom rng = new SplittableRandom(options.seed() + 1);
        INDArray v = randn(rng, y0.dataType(), y0.shape());
        INDArray[] u = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (checked[i]) {
                u[i] = randn(rng, inputs[i].dataType(), inputs[i].shape());
            }
        }
        int n = inputs.length;
        Function<Tensor[], Tensor> h = in -> {
            Tensor y = f.apply(Arrays.copyOf(in, n));
            List<Tensor> targets = new ArrayList<>();
            List<Integer> index = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (checked[i]) {
                    targets.add(in[i]);
                    index.add(i);
                }
            }
            if (!y.requiresGrad()) {
                return Tensor.scalar(0, y.dataType());
            }
            Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {in[n]}, targets.toArray(new Tensor[0]),
                    BackwardOptions.defaults().withCreateGraph().withAllowUnused());
            Tensor s = Tensor.scalar(0, y.dataType());
            for (int k = 0; k < g.length; k++) {
                if (g[k] != null) {
                    s = s.add(g[k].mul(Tensor.of(u[index.get(k)])).sum());
                }
            }
            return s;
        };
        Tensor[] extended = Arrays.copyOf(inputs, n + 1);
        extended[n] = Tensor.of(v);
        boolean[] checkedExtended = Arrays.copyOf(checked, n + 1);
        checkedExtended[n] = true;
        return run(h, options, extended, checkedExtended, true);
    }

    /** {@link #checkGradGrad}; throws an AssertionError on failure. Input index n is the upstream gradient v. */
    public static void gradgradcheck(Function<Tensor[], Tensor> f, GradCheckOptions options, Tensor... inputs) {
        requirePassed("second-order gradient check", checkGradGrad(f, options, inputs), options);
    }

    /** {@link #gradgradcheck} with default options. */
    public static void gradgradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        gradgradcheck(f, GradCheckOptions.defaults(), inputs);
    }

    private static void requirePassed(String what, GradCheckReport report, GradCheckOptions options) {
        if (report.passed()) {
            return;
        }
        StringBuilder sb = new StringBuilder(what + " failed (atol " + options.atol() + ", rtol " + options.rtol()
                + ", eps " + options.eps() + "):");
        for (GradCheckReport.InputResult r : report.inputs()) {
            if (!r.passed()) {
                sb.append("\n  ").append(r.describe());
            }
        }
        sb.append('\n').append(report.toTable());
        throw new AssertionError(sb.toString());
    }

    private static boolean[] selectInputs(Tensor[] inputs, GradCheckOptions options) {
        boolean any = false;
        for (Tensor t : inputs) {
            any |= t != null && t.requiresGrad();
        }
        boolean[] checked = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null || !t.dataType().isFPType() || (any && !t.requiresGrad())) {
                continue;
            }
            if (t.dataType() != DataType.DOUBLE && !options.allowFloat32()) {
                throw new IllegalArgumentException("GradCheck: input " + i + " has dtype " + t.dataType()
                        + "; finite differences need float64 inputs (data().castTo(DataType.DOUBLE)),"
                        + " or pass GradCheckOptions.defaults().withFloat32Allowed() with a larger eps and tolerances");
            }
            checked[i] = true;
        }
        return checked;
    }

    private static Tensor[] workingCopies(Tensor[] inputs, boolean[] checked) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = checked[i] ? Tensor.of(inputs[i].data().dup('c')).requiresGrad(true)
                    : inputs[i] == null ? null : inputs[i].detach();
        }
        return leaves;
    }

    /** With {@code recordNumeric} false the perturbed evaluations run without recording (faster). */
    private static GradCheckReport run(Function<Tensor[], Tensor> f, GradCheckOptions opt, Tensor[] inputs,
                                       boolean[] checked, boolean recordNumeric) {
        Tensor[] leaves = workingCopies(inputs, checked);
        Tensor y = f.apply(leaves);
        if (!y.dataType().isFPType()) {
            throw new IllegalArgumentException("GradCheck: the function returned dtype " + y.dataType());
        }
        INDArray v = y.numel() == 1 ? Nd4j.ones(y.dataType(), y.shape())
                : randn(new SplittableRandom(opt.seed()), y.dataType(), y.shape());
        Tensor[] analytic = analytic(y, v, leaves, checked);
        List<GradCheckReport.InputResult> results = new ArrayList<>();
        for (int k = 0; k < leaves.length; k++) {
            if (checked[k]) {
                try (GradMode mode = GradMode.set(recordNumeric && GradMode.isEnabled())) {
                    results.add(compare(f, opt, leaves, k, analytic[k], v));
                }
            }
        }
        return new GradCheckReport(results);
    }

    private static Tensor[] analytic(Tensor y, INDArray v, Tensor[] leaves, boolean[] checked) {
        Tensor[] out = new Tensor[leaves.length];
        if (!y.requiresGrad()) {
            return out;
        }
        List<Tensor> targets = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            if (checked[i]) {
                targets.add(leaves[i]);
            }
        }
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensor.of(v)}, targets.toArray(new Tensor[0]),
                BackwardOptions.defaults().withAllowUnused());
        int k = 0;
        for (int i = 0; i < leaves.length; i++) {
            if (checked[i]) {
                out[i] = g[k++];
            }
        }
        return out;
    }

    private static GradCheckReport.InputResult compare(Function<Tensor[], Tensor> f, GradCheckOptions opt,
                                                       Tensor[] leaves, int k, Tensor analyticGrad, INDArray v) {
        INDArray a = leaves[k].data();
        long n = a.length();
        double[] analytic = analyticGrad == null ? new double[(int) n]
                : Nd.doubles(analyticGrad.data());
        double maxAbs = 0;
        long worst = -1;
        double worstExcess = Double.NEGATIVE_INFINITY;
        double worstNumeric = 0;
        for (long i = 0; i < n; i++) {
            double orig = a.getDouble(i);
            a.putScalar(i, orig + opt.eps());
            double plus = project(f.apply(leaves), v);
            a.putScalar(i, orig - opt.eps());
            double minus = project(f.apply(leaves), v);
            a.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * opt.eps());
            double diff = Math.abs(numeric - analytic[(int) i]);
            double excess = diff - (opt.atol() + opt.rtol() * Math.abs(numeric));
            if (Double.isNaN(diff)) {
                excess = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
                worstNumeric = numeric;
            }
        }
        long[] index = worst < 0 ? new long[0] : unravel(worst, a.shape());
        double analyticWorst = worst < 0 ? 0 : analytic[(int) worst];
        return new GradCheckReport.InputResult(k, a.shape(), maxAbs, index, worstNumeric, analyticWorst,
                !(worstExcess > 0));
    }

    private static double project(Tensor y, INDArray v) {
        return y.data().castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    static INDArray randn(SplittableRandom rng, DataType type, long... shape) {
        double[] values = new double[(int) Nd.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            values[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        INDArray flat = Nd4j.createFromArray(values).castTo(type);
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }
}
