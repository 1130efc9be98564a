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
 * <p>For each output direction v the analytic gradient of ⟨y, v⟩ (one backward) is compared
 * element by element with (⟨f(x + eps·e_i), v⟩ - ⟨f(x - eps·e_i), v⟩) / 2eps. The directions
 * are every output element (the whole Jacobian) when the output is small
 * ({@link GradCheckOptions#everyDirectionUpTo()}), otherwise one fixed random v. Checked inputs
 * are the ones that require grad, or every floating input when none does; they are copied,
 * never modified. Inputs must be float64 unless {@link GradCheckOptions#allowFloat32()}.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Checks f's first derivatives and returns the per-input report. */
    public static GradCheckReport check(Function<Tensor[], Tensor> f, GradCheckOptions options, Tensor... inputs) {
        return run(nonNull(f), options, inputs, selectInputs(inputs, options), false);
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
        Function<Tensor[], Tensor> fn = nonNull(f);
        Tensor[] probe = workingCopies(inputs, checked);
        Tensor y0 = fn.apply(probe);
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
            Tensor y = fn.apply(Arrays.copyOf(in, n));
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

    /** f, refusing a null function or a null result with a message rather than a NullPointerException later. */
    private static Function<Tensor[], Tensor> nonNull(Function<Tensor[], Tensor> f) {
        if (f == null) {
            throw new IllegalArgumentException("GradCheck: the function must not be null");
        }
        return in -> {
            Tensor y = f.apply(in);
            if (y == null) {
                throw new IllegalArgumentException("GradCheck: the function returned null; it must return the tensor"
                        + " whose gradients are checked");
            }
            return y;
        };
    }

    private static boolean[] selectInputs(Tensor[] inputs, GradCheckOptions options) {
        if (inputs == null || options == null) {
            throw new IllegalArgumentException("GradCheck: inputs and options must not be null");
        }
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
        boolean none = true;
        for (boolean c : checked) {
            none &= !c;
        }
        if (none) {
            String[] types = new String[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                types[i] = inputs[i] == null ? "null" : String.valueOf(inputs[i].dataType());
            }
            throw new IllegalArgumentException("GradCheck: nothing to check: no input is a floating-point tensor"
                    + " (input dtypes " + Arrays.toString(types) + "); pass at least one float64 input");
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
        boolean everyDirection = y.numel() <= opt.everyDirectionUpTo();
        double[][] directions = directions(y, opt, everyDirection);
        double[][][] analytic = analytic(y, directions, leaves, checked);
        List<GradCheckReport.InputResult> results = new ArrayList<>();
        for (int k = 0; k < leaves.length; k++) {
            if (checked[k]) {
                try (GradMode mode = GradMode.set(recordNumeric && GradMode.isEnabled())) {
                    results.add(compare(f, opt, leaves, k, analytic[k], directions, everyDirection ? y.shape() : null));
                }
            }
        }
        return new GradCheckReport(results);
    }

    /** The unit vectors of every output element, or one fixed random direction (all ones for a scalar). */
    private static double[][] directions(Tensor y, GradCheckOptions opt, boolean everyDirection) {
        int m = (int) y.numel();
        if (everyDirection) {
            double[][] basis = new double[m][m];
            for (int j = 0; j < m; j++) {
                basis[j][j] = 1;
            }
            return basis;
        }
        return new double[][] {Nd.doubles(randn(new SplittableRandom(opt.seed()), y.dataType(), m))};
    }

    /** [input][direction][element]: the gradient of ⟨y, v⟩ for every direction v (null for unchecked inputs). */
    private static double[][][] analytic(Tensor y, double[][] directions, Tensor[] leaves, boolean[] checked) {
        double[][][] out = new double[leaves.length][][];
        List<Tensor> targets = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            if (checked[i]) {
                out[i] = new double[directions.length][];
                targets.add(leaves[i]);
            }
        }
        if (!y.requiresGrad()) {
            return out;
        }
        for (int d = 0; d < directions.length; d++) {
            BackwardOptions options = BackwardOptions.defaults().withAllowUnused();
            INDArray v = Nd4j.createFromArray(directions[d]).castTo(y.dataType()).reshape('c', y.shape());
            Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {Tensor.of(v)}, targets.toArray(new Tensor[0]),
                    d < directions.length - 1 ? options.withRetainGraph() : options);
            int k = 0;
            for (int i = 0; i < leaves.length; i++) {
                if (checked[i]) {
                    out[i][d] = g[k] == null ? null : Nd.doubles(g[k].data());
                    k++;
                }
            }
        }
        return out;
    }

    /**
     * Compares input k's analytic gradients along every direction with central differences; each
     * perturbation evaluates f twice and serves all directions.
     */
    private static GradCheckReport.InputResult compare(Function<Tensor[], Tensor> f, GradCheckOptions opt,
                                                       Tensor[] leaves, int k, double[][] analytic,
                                                       double[][] directions, long[] outputShape) {
        INDArray a = leaves[k].data();
        long n = a.length();
        double maxAbs = 0;
        long worst = -1;
        int worstDirection = 0;
        double worstExcess = Double.NEGATIVE_INFINITY;
        double worstNumeric = 0;
        double worstAnalytic = 0;
        for (long i = 0; i < n; i++) {
            double orig = a.getDouble(i);
            a.putScalar(i, orig + opt.eps());
            double[] plus = Nd.doubles(f.apply(leaves).data());
            a.putScalar(i, orig - opt.eps());
            double[] minus = Nd.doubles(f.apply(leaves).data());
            a.putScalar(i, orig);
            for (int d = 0; d < directions.length; d++) {
                double numeric = (dot(plus, directions[d]) - dot(minus, directions[d])) / (2 * opt.eps());
                double analyticValue = analytic[d] == null ? 0 : analytic[d][(int) i];
                double diff = Math.abs(numeric - analyticValue);
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY
                        : diff - (opt.atol() + opt.rtol() * Math.abs(numeric));
                maxAbs = Math.max(maxAbs, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
                if (excess > worstExcess) {
                    worstExcess = excess;
                    worst = i;
                    worstDirection = d;
                    worstNumeric = numeric;
                    worstAnalytic = analyticValue;
                }
            }
        }
        long[] index = worst < 0 ? new long[0] : unravel(worst, a.shape());
        long[] outputIndex = outputShape == null || worst < 0 ? new long[0] : unravel(worstDirection, outputShape);
        return new GradCheckReport.InputResult(k, a.shape(), maxAbs, index, outputIndex, worstNumeric, worstAnalytic,
                !(worstExcess > 0));
    }

    /** ⟨y, v⟩ in float64; a zero entry of v (most of a unit vector) contributes nothing, even against a NaN. */
    private static double dot(double[] y, double[] v) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            if (v[j] != 0) {
                s += y[j] * v[j];
            }
        }
        return s;
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
