package io.github.minidl.autograd;

/**
 * Options of {@link Tensor#backward(Tensor, BackwardOptions)} and {@link Autograd#grad}.
 *
 * @param retainGraph keep the graph after the pass, so that it can be walked again
 * @param createGraph record the backward pass itself, so gradients can be differentiated again
 *                    (implies retainGraph, as in PyTorch)
 * @param allowUnused for {@link Autograd#grad}: an input the outputs do not depend on gets a
 *                    null gradient instead of an error
 */
public record BackwardOptions(boolean retainGraph, boolean createGraph, boolean allowUnused) {
    /** Free the graph, record nothing, reject unused inputs. */
    public static final BackwardOptions DEFAULT = new BackwardOptions(false, false, false);

    /** The defaults. */
    public static BackwardOptions defaults() {
        return DEFAULT;
    }

    /** These options, keeping the graph after the pass. */
    public BackwardOptions withRetainGraph() {
        return new BackwardOptions(true, createGraph, allowUnused);
    }

    /** These options, recording the backward pass (and keeping the graph). */
    public BackwardOptions withCreateGraph() {
        return new BackwardOptions(true, true, allowUnused);
    }

    /** These options, returning null for inputs the outputs do not depend on. */
    public BackwardOptions withAllowUnused() {
        return new BackwardOptions(retainGraph, createGraph, true);
    }
}
