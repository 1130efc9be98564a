package io.github.minidl.autograd;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anomaly detection: while enabled, every op checks its forward result and every backward
 * step its gradients for NaN/Inf and throws an {@link ArithmeticException} naming the first op
 * that produced one; backward errors carry the forward call site as their cause.
 *
 * <pre>{@code try (var a = Anomaly.enable()) { loss.backward(); } }</pre>
 */
public final class Anomaly implements AutoCloseable {
    private static volatile boolean enabled;
    private static final ThreadLocal<Node> IN_BACKWARD = new ThreadLocal<>();

    private final boolean previous;
    private boolean closed;

    private Anomaly(boolean on) {
        previous = enabled;
        enabled = on;
    }

    /** Turns anomaly detection on until the returned scope is closed. Slows every op down. */
    public static Anomaly enable() {
        return new Anomaly(true);
    }

    /** True while anomaly detection is on. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** Restores the previous setting. */
    @Override
    public void close() {
        if (!closed) {
            enabled = previous;
            closed = true;
        }
    }

    static void checkForward(String op, INDArray y) {
        if (hasNonFinite(y)) {
            Node node = IN_BACKWARD.get();
            if (node == null) {
                throw new ArithmeticException(String.format(
                        "anomaly: forward of op '%s' produced NaN or Inf in its output of shape %s",
                        op, Arrays.toString(y.shape())));
            }
            throw inBackwardOf(node, String.format(
                    "anomaly: backward of op '%s' produced NaN or Inf (in its step '%s', shape %s)",
                    node.op(), op, Arrays.toString(y.shape())));
        }
    }

    /** Marks the backward of {@code node} as running on this thread (null when done); returns the previous one. */
    static Node enterBackward(Node node) {
        Node previous = IN_BACKWARD.get();
        IN_BACKWARD.set(node);
        return previous;
    }

    static void checkBackward(Node node, int input, INDArray g) {
        if (hasNonFinite(g)) {
            throw inBackwardOf(node, String.format(
                    "anomaly: backward of op '%s' produced NaN or Inf in the gradient of its input %d (shape %s)",
                    node.op(), input, Arrays.toString(g.shape())));
        }
    }

    /** An error found in the backward of {@code node}, caused by its forward call site when recorded. */
    private static ArithmeticException inBackwardOf(Node node, String message) {
        ArithmeticException e = new ArithmeticException(message);
        if (node.trace() != null) {
            e.initCause(node.trace());
        }
        return e;
    }

    private static boolean hasNonFinite(INDArray a) {
        if (!a.dataType().isFPType() || a.isEmpty()) {
            return false;
        }
        return a.isNaN().any() || a.isInfinite().any();
    }
}
