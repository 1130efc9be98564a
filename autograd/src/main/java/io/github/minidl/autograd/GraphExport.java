package io.github.minidl.autograd;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The graph behind a tensor as Graphviz DOT text: one box per op (name, output shape, dtype),
 * one ellipse per leaf that requires grad (its {@link Tensor#named name} if any, and shape),
 * edges in the direction data flows forward. Render with {@code dot -Tpng graph.dot -o graph.png}.
 */
public final class GraphExport {
    private GraphExport() {
    }

    /** DOT text of the graph that produced {@code root}; freed ops are drawn dashed. */
    public static String toDot(Tensor root) {
        StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];\n");
        Map<Tensor, String> leaves = new IdentityHashMap<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        if (root.isLeaf()) {
            sb.append("  ").append(leaf(root, leaves, sb)).append(";\n");
            return sb.append("}\n").toString();
        }
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root.gradFn());
        seen.put(root.gradFn(), true);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            sb.append(String.format("  n%d [shape=box, label=\"%s\\n%s %s\"%s];%n", n.id(), escape(n.op()),
                    Arrays.toString(n.shape()), n.dataType(), n.isFreed() ? ", style=dashed" : ""));
            for (int i = 0; i < n.inputCount(); i++) {
                Node in = n.inputNode(i);
                if (in != null) {
                    sb.append(String.format("  n%d -> n%d;%n", in.id(), n.id()));
                    if (seen.put(in, true) == null) {
                        stack.push(in);
                    }
                } else if (n.inputLeaf(i) != null) {
                    String id = leaf(n.inputLeaf(i), leaves, sb);
                    sb.append(String.format("  %s -> n%d;%n", id, n.id()));
                }
            }
        }
        sb.append(String.format("  out [shape=plaintext, label=\"output\"];%n  n%d -> out;%n", root.gradFn().id()));
        return sb.append("}\n").toString();
    }

    private static String leaf(Tensor t, Map<Tensor, String> leaves, StringBuilder sb) {
        String id = leaves.get(t);
        if (id == null) {
            id = "l" + leaves.size();
            leaves.put(t, id);
            String label = (t.name() == null ? "leaf" : escape(t.name())) + "\\n" + Arrays.toString(t.shape());
            sb.append(String.format("  %s [shape=ellipse, style=filled, fillcolor=lightblue, label=\"%s\"];%n", id, label));
        }
        return id;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
