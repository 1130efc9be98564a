package io.github.minidl.layers;

import java.util.ArrayList;
import java.util.List;

/** The forward calls of traced layers on this thread while a {@link Summary} is being built. */
final class Trace {
    /** One layer call: the module and the shapes it saw and produced. */
    record Call(Module module, long[] inputShape, long[] outputShape) {
    }

    private static final ThreadLocal<List<Call>> ACTIVE = new ThreadLocal<>();

    private Trace() {
    }

    static void record(Module module, long[] in, long[] out) {
        List<Call> calls = ACTIVE.get();
        if (calls != null) {
            calls.add(new Call(module, in, out));
        }
    }

    static List<Call> run(Runnable body) {
        List<Call> calls = new ArrayList<>();
        List<Call> previous = ACTIVE.get();
        ACTIVE.set(calls);
        try {
            body.run();
        } finally {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        }
        return calls;
    }
}
