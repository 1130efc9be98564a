package io.github.minidl.layers.checkpoint;

/** A state dict that does not fit a model; the message names every offending key. */
public class StateDictMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient StateDictDiff diff;

    /** @param diff the differences that make loading impossible */
    public StateDictMismatchException(StateDictDiff diff) {
        super("state dict does not match the model: " + diff.describe());
        this.diff = diff;
    }

    /** The differences found. */
    public StateDictDiff diff() {
        return diff;
    }
}
