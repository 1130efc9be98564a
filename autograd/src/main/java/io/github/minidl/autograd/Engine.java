package io.github.minidl.autograd;

import io.github.minidl.core.kernels.NativeMemory;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The reverse pass: counts, for every node reachable from the roots, how many consumers will
 * send it a gradient, then processes nodes in reverse topological order (Kahn's algorithm) with
 * an explicit work list, so graph depth is bounded by memory, not by the call stack.
 */
final class Engine {
    private Engine() {
    }

    /**
     * Runs backward from {@code roots} with upstream gradients {@code rootGrads}. With
     * {@code inputs == null} gradients accumulate into the leaves' {@link Tensor#grad()};
     * otherwise the gradients of {@code inputs} are returned (null where unreached) and no leaf
     * is touched.
     */
    static Tensor[] run(Tensor[] roots, Tensor[] rootGrads, Tensor[] inputs, BackwardOptions options) {
        checkRoots(roots, rootGrads);
        Map<Tensor, Integer> leafTargets = new IdentityHashMap<>();
        Map<Node, Integer> nodeTargets = new IdentityHashMap<>();
        Tensor[] captured = null;
        if (inputs != null) {
            captured = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Tensor t = inputs[i];
                if (t == null || !t.requiresGrad()) {
                    throw new IllegalArgumentException("input " + i + " does not require grad: gradients can only be"
                            + " taken with respect to tensors that require grad");
                }
                if (t.isLeaf()) {
                    leafTargets.putIfAbsent(t, i);
                } else {
                    nodeTargets.putIfAbsent(t.gradFn(), i);
                }
            }
        }
        Map<Node, int[]> dependencies = countDependencies(roots);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        // Memory blocks that more than one holder may still read; never released early.
        Set<Long> shared = new HashSet<>();
        for (Tensor g : rootGrads) {
            shared.add(block(g));
        }
        ArrayDeque<Node> ready = new ArrayDeque<>();
        try (GradMode mode = GradMode.set(options.createGraph())) {
            for (int r = 0; r < roots.length; r++) {
                Tensor root = roots[r];
                if (root.isLeaf()) {
                    captured = deliver(root, rootGrads[r], inputs != null, leafTargets, captured, options, shared);
                } else {
                    pending.merge(root.gradFn(), rootGrads[r], Tensor::add);
                }
            }
            for (Tensor root : roots) {
                Node n = root.gradFn();
                if (n != null && dependencies.get(n)[0] == 0 && !ready.contains(n)) {
                    ready.push(n);
                }
            }
            while (!ready.isEmpty()) {
                Node node = ready.pop();
                Tensor gy = pending.remove(node);
                Integer target = nodeTargets.get(node);
                if (target != null && gy != null) {
                    captured[target] = gy;
                }
                Tensor[] grads = gy == null ? new Tensor[node.inputCount()] : node.backward(gy);
                if (gy != null) {
                    trackGradients(gy, grads);
                }
                if (gy != null && target == null && !options.createGraph()) {
                    releaseIfDead(gy, grads, shared);
                }
                for (int i = 0; i < node.inputCount(); i++) {
                    Node child = node.inputNode(i);
                    if (child != null) {
                        if (grads[i] != null) {
                            pending.merge(child, grads[i], Tensor::add);
                        }
                        if (--dependencies.get(child)[0] == 0) {
                            ready.push(child);
                        }
                    } else if (node.inputLeaf(i) != null && grads[i] != null) {
                        captured = deliver(node.inputLeaf(i), grads[i], inputs != null, leafTargets, captured, options, shared);
                    }
                }
                if (!options.retainGraph()) {
                    node.release();
                }
            }
        }
        return captured;
    }

    /**
     * Frees the off-heap memory of an upstream gradient the moment its node has used it, instead
     * of when the garbage collector notices: the heap objects are tiny, so collections are rare,
     * and until then every step would allocate fresh (page-faulting) memory. Only gradients the
     * engine made itself qualify: an op that passes its gradient through (or a view of it) makes
     * the buffer shared, and shared buffers, like the caller's own gradients, are left to the
     * collector.
     */
    private static void releaseIfDead(Tensor gy, Tensor[] grads, Set<Long> shared) {
        boolean passedOn = false;
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (grads[j] != null && NativeMemory.sharesMemory(grads[j].data(), grads[i].data())) {
                    shared.add(block(grads[i]));
                }
            }
            if (NativeMemory.sharesMemory(grads[i].data(), gy.data())) {
                passedOn = true;
                shared.add(block(gy));
            }
        }
        if (!passedOn && !shared.contains(block(gy))) {
            NativeMemory.free(gy.data());
        }
    }

    /**
     * Hands the gradients a node made to the innermost {@link MemoryScope}, as op outputs are:
     * those the engine cannot free early (shared, passed on as a view, captured) are freed when
     * the scope closes instead of waiting for the garbage collector. A gradient that is gy or a
     * view of it is gy's memory and is not tracked again, nor is any other view.
     */
    private static void trackGradients(Tensor gy, Tensor[] grads) {
        for (Tensor g : grads) {
            if (g != null && NativeMemory.owns(g.data())) {
                MemoryScope.track(g.data(), new Tensor[] {gy});
            }
        }
    }

    private static long block(Tensor t) {
        return NativeMemory.block(t.data());
    }

    private static void checkRoots(Tensor[] roots, Tensor[] grads) {
        if (roots.length != grads.length) {
            throw new IllegalArgumentException(roots.length + " outputs but " + grads.length + " gradients");
        }
        for (int i = 0; i < roots.length; i++) {
            Tensor root = roots[i];
            if (!root.requiresGrad()) {
                throw new IllegalStateException("output " + i + " does not require grad and has no op that produced it:"
                        + " nothing to differentiate (was it computed under noGrad, or from tensors without requiresGrad?)");
            }
            Tensor g = grads[i];
            if (g == null || !Arrays.equals(g.shape(), root.shape())) {
                throw new IllegalArgumentException("gradient " + i + " has shape "
                        + (g == null ? "null" : Arrays.toString(g.shape())) + "; it must match the output shape "
                        + Arrays.toString(root.shape()));
            }
            if (g.dataType() != root.dataType()) {
                throw new IllegalArgumentException("gradient " + i + " has dtype " + g.dataType()
                        + " but the output has " + root.dataType());
            }
        }
    }

    /** Number of consumers of every node reachable from the roots, by an iterative walk. */
    private static Map<Node, int[]> countDependencies(Tensor[] roots) {
        Map<Node, int[]> deps = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            Node n = root.gradFn();
            if (n != null && !deps.containsKey(n)) {
                deps.put(n, new int[1]);
                stack.push(n);
            }
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node.isFreed()) {
                throw node.freedError();
            }
            for (int i = 0; i < node.inputCount(); i++) {
                Node child = node.inputNode(i);
                if (child == null) {
                    continue;
                }
                int[] count = deps.get(child);
                if (count == null) {
                    deps.put(child, new int[] {1});
                    stack.push(child);
                } else {
                    count[0]++;
                }
            }
        }
        return deps;
    }

    private static Tensor[] deliver(Tensor leaf, Tensor g, boolean capture, Map<Tensor, Integer> targets,
                                    Tensor[] captured, BackwardOptions options, Set<Long> shared) {
        if (capture) {
            Integer i = targets.get(leaf);
            if (i != null) {
                captured[i] = captured[i] == null ? g : captured[i].add(g);
            }
            return captured;
        }
        if (g.dataType() != leaf.dataType()) {
            throw new IllegalStateException("gradient of dtype " + g.dataType() + " for a leaf of dtype " + leaf.dataType());
        }
        // Backward passes on several threads may share leaves (one module used from many threads):
        // the read-add-write of a leaf's gradient is one step per leaf, so no thread's sum is lost.
        // An array the engine made and nothing else reads becomes the leaf's gradient as it is,
        // as PyTorch's AccumulateGrad steals it, instead of being copied (a full extra pass).
        boolean handOver = !shared.contains(block(g)) && NativeMemory.owns(g.data()) && !g.data().isView();
        boolean handedOver = false;
        synchronized (leaf) {
            Tensor old = leaf.grad();
            if (options.createGraph()) {
                leaf.setGrad(old == null ? (g.requiresGrad() ? g : Tensor.of(g.data().dup())) : old.add(g));
            } else if (old == null && handOver) {
                MemoryScope.untrack(g.data());
                leaf.setOwnGrad(Tensor.of(g.data()));
                handedOver = true;
            } else if (old == null) {
                leaf.setOwnGrad(Tensor.of(g.data().dup()));
            } else if (old.requiresGrad()) {
                leaf.setOwnGrad(Tensor.of(old.data().add(g.data())));
            } else {
                old.data().addi(g.data());
            }
        }
        if (!options.createGraph() && !handedOver && !shared.contains(block(g))) {
            // The leaf holds a copy (or the sum); the engine's own array is done with.
            NativeMemory.free(g.data());
        }
        return captured;
    }
}
