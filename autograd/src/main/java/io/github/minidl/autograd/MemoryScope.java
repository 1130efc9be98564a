package io.github.minidl.autograd;

import io.github.minidl.core.kernels.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees, when it closes, the off-heap memory of every tensor an op computed inside it on this
 * thread: activations, their gradients' temporaries, the loss. A training loop opens one per step
 * so that each step reuses the memory the previous one gave back, instead of waiting for the
 * garbage collector (the Java objects are tiny, so collections are rare and, until then, every
 * step would touch fresh memory and the resident size would grow into gigabytes).
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     try (MemoryScope step = MemoryScope.open()) {
 *         Tensor loss = criterion.forward(model.forward(Tensor.of(b.inputs())), b.targets());
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();          // read what you need before the scope closes
 *     }
 * }
 * }</pre>
 *
 * <p>Released are op outputs, the gradients backward computes on the way (including those
 * {@code Autograd.grad} returns) and arrays ops keep for their backward (masks, indices);
 * parameters, the gradients accumulated in leaves (taken off the scope), optimizer state, buffers and
 * anything made with {@code Tensor.of} or ND4J directly are left alone, as is an op output that
 * shares memory with one of its inputs (a reshape, a pass-through). The decisions of what owns
 * memory and what shares it are {@link NativeMemory}'s. Using a released tensor
 * after the scope fails with an IllegalStateException saying so; copy it out first
 * ({@code tensor.data().dup()} made outside an op is not tracked). Scopes nest; each frees what was
 * computed while it was the innermost.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

    private final MemoryScope outer;
    private final List<INDArray> computed = new ArrayList<>();
    private boolean closed;

    private MemoryScope(MemoryScope outer) {
        this.outer = outer;
    }

    /** Opens a scope on this thread; close it (try-with-resources) to free what ops computed in it. */
    public static MemoryScope open() {
        MemoryScope scope = new MemoryScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Number of op outputs this scope will free when it closes. */
    public int tracked() {
        return computed.size();
    }

    /** Records an array an op made for its own use (max-pool indices, a mask) with the innermost open scope. */
    static void track(INDArray made) {
        track(made, new Tensor[0]);
    }

    /** Records an op's output {@code y} with the innermost open scope, unless it shares an input's memory. */
    static void track(INDArray y, Tensor[] inputs) {
        MemoryScope scope = CURRENT.get();
        if (scope == null || y.wasClosed()) {
            return;
        }
        for (Tensor t : inputs) {
            if (t != null && NativeMemory.sharesMemory(y, t.data())) {
                return;
            }
        }
        scope.computed.add(y);
    }

    /**
     * Takes an array, and any tracked array sharing its memory, off every open scope of this
     * thread: it has been handed to an owner that outlives them (a leaf's gradient).
     */
    static void untrack(INDArray handedOver) {
        for (MemoryScope scope = CURRENT.get(); scope != null; scope = scope.outer) {
            scope.computed.removeIf(t -> !t.wasClosed() && NativeMemory.sharesMemory(t, handedOver));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("memory scopes must close in the reverse order of opening, on the thread that opened them");
        }
        closed = true;
        CURRENT.set(outer);
        // An output that is a view shares no input's memory (checked above): it looks into a
        // temporary of its op, such as a sum reshaped to drop the reduced axes, and frees it.
        computed.forEach(NativeMemory::freeBlock);
        computed.clear();
    }
}
