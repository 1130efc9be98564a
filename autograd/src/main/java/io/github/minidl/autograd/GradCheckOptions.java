package io.github.minidl.autograd;

/**
 * Settings of {@link GradCheck}. The tolerances are tight enough for float64 to catch a
 * gradient that is off by one part in a million (central differences with eps 1e-6 are accurate
 * to about 1e-9 there); torch.autograd.gradcheck's looser atol 1e-5 and rtol 1e-3 let such an
 * error through.
 *
 * @param eps                 finite-difference step: (f(x + eps) - f(x - eps)) / 2eps
 * @param atol                absolute tolerance
 * @param rtol                relative tolerance: pass when |analytic - numeric| ≤ atol + rtol·|numeric|
 * @param allowFloat32        accept float32 inputs (finite differences are then barely meaningful)
 * @param seed                seed of the random projection of large outputs
 * @param everyDirectionUpTo  outputs with at most this many elements are checked along every
 *                            output element (the whole Jacobian, one backward each); larger ones
 *                            along one random direction
 */
public record GradCheckOptions(double eps, double atol, double rtol, boolean allowFloat32, long seed,
                               int everyDirectionUpTo) {
    public GradCheckOptions {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps=" + eps + " must be positive");
        }
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("atol=" + atol + " and rtol=" + rtol + " must be non-negative");
        }
        if (everyDirectionUpTo < 0) {
            throw new IllegalArgumentException("everyDirectionUpTo=" + everyDirectionUpTo + " must be non-negative");
        }
    }

    /** eps 1e-6, atol 1e-8, rtol 1e-7, float64 only, seed 0, every direction up to 256 output elements. */
    public static GradCheckOptions defaults() {
        return new GradCheckOptions(1e-6, 1e-8, 1e-7, false, 0, 256);
    }

    /** These options with another step. */
    public GradCheckOptions withEps(double e) {
        return new GradCheckOptions(e, atol, rtol, allowFloat32, seed, everyDirectionUpTo);
    }

    /** These options with another absolute tolerance. */
    public GradCheckOptions withAtol(double a) {
        return new GradCheckOptions(eps, a, rtol, allowFloat32, seed, everyDirectionUpTo);
    }

    /** These options with another relative tolerance. */
    public GradCheckOptions withRtol(double r) {
        return new GradCheckOptions(eps, atol, r, allowFloat32, seed, everyDirectionUpTo);
    }

    /** These options, accepting float32 inputs (use much larger eps and tolerances). */
    public GradCheckOptions withFloat32Allowed() {
        return new GradCheckOptions(eps, atol, rtol, true, seed, everyDirectionUpTo);
    }

    /** These options with another projection seed. */
    public GradCheckOptions withSeed(long s) {
        return new GradCheckOptions(eps, atol, rtol, allowFloat32, s, everyDirectionUpTo);
    }

    /** These options, checking every output direction of outputs with at most {@code n} elements (0: never). */
    public GradCheckOptions withEveryDirectionUpTo(int n) {
        return new GradCheckOptions(eps, atol, rtol, allowFloat32, seed, n);
    }
}
