package io.github.minidl.examples.views;

/** One claimed agreement of the walkthrough: what was compared and the largest absolute difference. */
public record Check(String what, double maxDifference, double tolerance) {
    /** True when the difference is within the tolerance (NaN never passes). */
    public boolean passed() {
        return maxDifference <= tolerance;
    }
}
