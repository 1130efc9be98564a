package io.github.minidl.autograd;

/**
 * Settings of {@link GradCheck}, with torch.autograd.gradcheck's defaults.
 *
 * @param eps          finite-difference step: (f(x + eps) - f(x - eps)) / 2eps
 * @param atol         absolute tolerance
 * @param rtol         relative tolerance: pass when |analytic - numeric| ≤ atol + rtol·|numeric|
 * @param allowFloat32 accept float32 inputs (finite differences are then barely meaningful)
 * @param seed         seed of the random projection of non-scalar outputs
 */
public record GradCheckOptions(double eps, double atol, double rtol, boolean allowFloat32, long seed) {
    public GradCheckOptions {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps=" + eps + " must be positive");
        }
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("atol=" + atol + " and rtol=" + rtol + " must be non-negative");
        }
    }

    /** eps 1e-6, atol 1e-5, rtol 1e-3, float64 only, seed 0. */
    public static GradCheckOptions defaults() {
        return new GradCheckOptions(1e-6, 1e-5, 1e-3, false, 0);
    }

    /** These options with another step. */
    public GradCheckOptions withEps(double e) {
        return new GradCheckOptions(e, atol, rtol, allowFloat32, seed);
    }

    /** These options with another absolute tolerance. */
    public GradCheckOptions withAtol(double a) {
        return new GradCheckOptions(eps, a, rtol, allowFloat32, seed);
    }

    /** These options with another relative tolerance. */
    public GradCheckOptions withRtol(double r) {
        return new GradCheckOptions(eps, atol, r, allowFloat32, seed);
    }

    /** These options, accepting float32 inputs (use much larger eps and tolerances). */
    public GradCheckOptions withFloat32Allowed() {
        return new GradCheckOptions(eps, atol, rtol, true, seed);
    }

    /** These options with another projection seed. */
    public GradCheckOptions withSeed(long s) {
        return new GradCheckOptions(eps, atol, rtol, allowFloat32, s);
    }
}
