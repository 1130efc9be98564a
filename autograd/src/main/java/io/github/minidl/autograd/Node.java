package io.github.minidl.autograd;

import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recorded op: the edges to its inputs and the closure computing their gradients. The
 * closure holds what backward needs (the saved tensors); {@link #release()} drops it, which frees
 * those tensors while keeping the graph's structure for error messages and export.
 */
final class Node {
    /** Gradients of the inputs from the gradient of the output; null where not needed. */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor gy, Tensor y, boolean[] needsGrad);
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String op;
    private final long[] shape;
    private final DataType dataType;
    private final Node[] inputNodes;
    private final Tensor[] inputLeaves;
    private final long[][] inputShapes;
    private final boolean[] needsGrad;
    private final Throwable trace;
    private Backward backward;
    private Tensor output;
    private boolean freed;

    private Node(String op, INDArray y, Backward backward, Tensor[] inputs) {
        this.op = op;
        this.shape = y.shape().clone();
        this.dataType = y.dataType();
        this.backward = backward;
        int n = inputs.length;
        inputNodes = new Node[n];
        inputLeaves = new Tensor[n];
        inputShapes = new long[n][];
        needsGrad = new boolean[n];
        for (int i = 0; i < n; i++) {
            Tensor t = inputs[i];
            if (t == null) {
                continue;
            }
            inputShapes[i] = t.shape();
            if (t.requiresGrad()) {
                needsGrad[i] = true;
                if (t.isLeaf()) {
                    inputLeaves[i] = t;
                } else {
                    inputNodes[i] = t.gradFn();
                }
            }
        }
        trace = Anomaly.isEnabled() ? new Throwable("forward of op '" + op + "' was called here") : null;
    }

    /**
     * The result of an op: a tensor recording {@code backward} when grad mode is on and an input
     * requires grad, else a plain tensor. Inputs may contain nulls (absent optional arguments).
     */
    static Tensor record(String op, INDArray y, Backward backward, Tensor... inputs) {
        if (Anomaly.isEnabled()) {
            Anomaly.checkForward(op, y);
        }
        MemoryScope.track(y, inputs);
        if (!GradMode.isEnabled() || !anyRequiresGrad(inputs)) {
            return Tensor.of(y);
        }
        Node node = new Node(op, y, backward, inputs);
        Tensor out = new Tensor(y, node);
        node.output = out;
        return out;
    }

    private static boolean anyRequiresGrad(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    Tensor[] backward(Tensor gy) {
        if (freed) {
            throw freedError();
        }
        Tensor[] grads;
        if (Anomaly.isEnabled()) {
            Node previous = Anomaly.enterBackward(this);
            try {
                grads = backward.apply(gy, output, needsGrad.clone());
            } finally {
                Anomaly.enterBackward(previous);
            }
        } else {
            grads = backward.apply(gy, output, needsGrad.clone());
        }
        if (grads.length != needsGrad.length) {
            throw new IllegalStateException("backward of op '" + op + "' returned " + grads.length
                    + " gradients for " + needsGrad.length + " inputs");
        }
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null || !needsGrad[i]) {
                grads[i] = null;
                continue;
            }
            long[] expected = inputShapes[i];
            if (!java.util.Arrays.equals(expected, grads[i].shape())) {
                throw new IllegalStateException(String.format(
                        "backward of op '%s' returned a gradient of shape %s for input %d of shape %s",
                        op, java.util.Arrays.toString(grads[i].shape()), i, java.util.Arrays.toString(expected)));
            }
            if (Anomaly.isEnabled()) {
                Anomaly.checkBackward(this, i, grads[i].data());
            }
        }
        return grads;
    }

    IllegalStateException freedError() {
        return new IllegalStateException(String.format(
                "trying to backward through the graph a second time: the saved tensors of op '%s' were freed"
                        + " after the first backward; pass BackwardOptions.defaults().withRetainGraph() to the"
                        + " first backward if you need to walk the graph again", op));
    }

    /** Drops the saved tensors; a later backward through this node is an error. */
    void release() {
        backward = null;
        output = null;
        freed = true;
    }

    boolean isFreed() {
        return freed;
    }

    long id() {
        return id;
    }

    String op() {
        return op;
    }

    long[] shape() {
        return shape.clone();
    }

    DataType dataType() {
        return dataType;
    }

    int inputCount() {
        return inputNodes.length;
    }

    Node inputNode(int i) {
        return inputNodes[i];
    }

    Tensor inputLeaf(int i) {
        return inputLeaves[i];
    }

    Throwable trace() {
        return trace;
    }
}
