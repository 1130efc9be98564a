package io.github.minidl.autograd;

/**
 * Whether ops record themselves into the graph on this thread. {@link Tensor#noGrad()} returns
 * one of these scopes; closing it restores the previous mode.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;
    private boolean closed;

    private GradMode(boolean enabled) {
        previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    /** True when ops record themselves (the default). */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** A scope in which nothing is recorded. */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    /** A scope in which ops record again, e.g. inside a {@link #disabled()} scope. */
    public static GradMode enabled() {
        return new GradMode(true);
    }

    static GradMode set(boolean enabled) {
        return new GradMode(enabled);
    }

    /** Restores the mode that was active when this scope was opened. */
    @Override
    public void close() {
        if (!closed) {
            ENABLED.set(previous);
            closed = true;
        }
    }
}
