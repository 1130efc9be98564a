package io.github.minidl.examples.train;

/** Training stopped because the loss became NaN or infinite; the model was not updated with it. */
public final class DivergenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message says where and what, and what was kept */
    public DivergenceException(String message) {
        super(message);
    }
}
