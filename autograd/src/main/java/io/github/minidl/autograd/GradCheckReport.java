package io.github.minidl.autograd;

import java.util.Arrays;
import java.util.List;

/**
 * Outcome of a {@link GradCheck}: one row per checked input with its largest error and the
 * element where the analytic and numeric gradients disagree most (relative to the tolerance).
 */
public record GradCheckReport(List<InputResult> inputs) {
    /**
     * One checked input.
     *
     * @param outputIndex the output element whose derivative disagrees most, or empty when the
     *                    output was checked along a random direction
     */
    public record InputResult(int input, long[] shape, double maxAbsError, long[] worstIndex, long[] outputIndex,
                              double numeric, double analytic, boolean passed) {
        /** "input 1 (shape [2, 3]), element [0, 2], output element [1]: numeric 0.25 vs analytic 0.5". */
        public String describe() {
            String output = outputIndex.length == 0 ? "" : ", output element " + Arrays.toString(outputIndex);
            return String.format("input %d (shape %s), element %s%s: numeric %.10g vs analytic %.10g (|diff| %.3g)",
                    input, Arrays.toString(shape), Arrays.toString(worstIndex), output, numeric, analytic,
                    Math.abs(numeric - analytic));
        }
    }

    public GradCheckReport {
        inputs = List.copyOf(inputs);
    }

    /** True when every input passed. */
    public boolean passed() {
        return inputs.stream().allMatch(InputResult::passed);
    }

    /** The largest absolute error over all inputs. */
    public double maxAbsError() {
        return inputs.stream().mapToDouble(InputResult::maxAbsError).max().orElse(0);
    }

    /** A text table: input, shape, max abs error, result. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format("%-6s %-18s %-14s %s%n", "input", "shape", "max |error|", "result"));
        for (InputResult r : inputs) {
            sb.append(String.format("%-6d %-18s %-14.3e %s%n", r.input(), Arrays.toString(r.shape()), r.maxAbsError(),
                    r.passed() ? "ok" : "FAIL at " + Arrays.toString(r.worstIndex())));
        }
        return sb.toString();
    }
}
