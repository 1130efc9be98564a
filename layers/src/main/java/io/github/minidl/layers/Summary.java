package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ReceptiveField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A table of a model, layer by layer: name, type and geometry, output shape, trainable
 * parameters, multiply-accumulates (MACs) and the receptive field at that depth, with totals.
 *
 * <p>Built by one forward pass on zeros under no-grad in eval mode (modes are restored after),
 * tracing the built-in layers in call order. MACs count the products of convolutions and linear
 * layers for the whole input batch: {@code Cout·Ho·Wo·(Cin/g)·kH·kW} per sample for a convolution.
 * The receptive field follows {@link ReceptiveField} along the traced chain (exact for a plain
 * chain of layers); it is {@code global} after a layer that mixes every position (Linear, global
 * pooling) and {@code -} after a transposed convolution. With {@link Padding#SAME} the type column
 * shows the top/bottom/left/right padding when it is asymmetric.
 *
 * <p>Parameters of layers that do not trace themselves (custom leaf modules) are in the totals
 * but have no row.
 */
public final class Summary {
    private final long[] inputShape;
    private final List<SummaryRow> rows;
    private final long totalParameters;
    private final long trainableParameters;
    private final long totalMacs;
    private final long[] outputShape;

    private Summary(long[] inputShape, List<SummaryRow> rows, long total, long trainable, long macs, long[] out) {
        this.inputShape = inputShape;
        this.rows = List.copyOf(rows);
        this.totalParameters = total;
        this.trainableParameters = trainable;
        this.totalMacs = macs;
        this.outputShape = out;
    }

    /**
     * Runs {@code model} on zeros of {@code inputShape} (batch included, e.g. [1, 1, 28, 28]) and
     * tabulates every traced layer call.
     */
    public static Summary of(Module model, long... inputShape) {
        Checks.notNull("model", model);
        Checks.notNull("inputShape", inputShape);
        for (long d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("inputShape=" + Arrays.toString(inputShape)
                        + " must be non-empty with positive dimensions");
            }
        }
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("inputShape must not be empty");
        }
        Map<Module, String> names = new IdentityHashMap<>();
        Map<Module, Boolean> modes = new IdentityHashMap<>();
        model.namedModules().forEach((n, m) -> {
            names.put(m, n);
            modes.put(m, m.isTraining());
        });
        Tensor[] out = new Tensor[1];
        List<Trace.Call> calls;
        model.eval();
        try (var scope = Tensor.noGrad()) {
            calls = Trace.run(() -> out[0] = model.forward(Tensor.of(Nd4j.zeros(model.dataType(), inputShape))));
        } finally {
            modes.forEach(Module::setTraining);
        }
        List<SummaryRow> rows = new ArrayList<>();
        List<ReceptiveField.Layer> hs = new ArrayList<>();
        List<ReceptiveField.Layer> ws = new ArrayList<>();
        ReceptiveFieldEffect.Kind state = ReceptiveFieldEffect.Kind.SLIDING;
        long macs = 0;
        for (Trace.Call c : calls) {
            Module m = c.module();
            ReceptiveFieldEffect w = m.receptiveFieldEffect(c.inputShape());
            if (w != null && state == ReceptiveFieldEffect.Kind.SLIDING) {
                if (w.kind() == ReceptiveFieldEffect.Kind.SLIDING) {
                    hs.add(w.h());
                    ws.add(w.w());
                } else {
                    state = w.kind();
                }
            }
            String rf = switch (state) {
                case SLIDING -> ReceptiveField.size(hs) + "x" + ReceptiveField.size(ws);
                case GLOBAL -> "global";
                case UNKNOWN -> "-";
            };
            long mm = m.macs(c.inputShape(), c.outputShape());
            macs += mm;
            String name = names.getOrDefault(m, "?");
            rows.add(new SummaryRow(name.isEmpty() ? "(model)" : name, m.summaryType(c.inputShape()), c.outputShape(),
                    m.ownTrainableParameterCount(), mm, rf));
        }
        long total = model.parameters().stream().mapToLong(Parameter::numel).sum();
        return new Summary(inputShape.clone(), rows, total, model.trainableParameterCount(), macs,
                out[0].shape());
    }

    /** The traced layer calls in order. */
    public List<SummaryRow> rows() {
        return rows;
    }

    /** All parameter elements. */
    public long totalParameters() {
        return totalParameters;
    }

    /** Parameter elements that require grad. */
    public long trainableParameters() {
        return trainableParameters;
    }

    /** Multiply-accumulates of one forward pass on the input shape. */
    public long totalMacs() {
        return totalMacs;
    }

    /** The model's output shape. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** The table, one line per row, then the totals. */
    @Override
    public String toString() {
        String[] head = {"Layer", "Type", "Output shape", "Params", "MACs", "RF"};
        List<String[]> lines = new ArrayList<>();
        for (SummaryRow r : rows) {
            lines.add(new String[] {r.name(), r.type(), Arrays.toString(r.outputShape()),
                    String.format("%,d", r.parameters()), String.format("%,d", r.macs()), r.receptiveField()});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] l : lines) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Input ").append(Arrays.toString(inputShape)).append('\n');
        appendLine(sb, head, width);
        int total = Arrays.stream(width).sum() + 2 * (width.length - 1);
        sb.append("-".repeat(total)).append('\n');
        for (String[] l : lines) {
            appendLine(sb, l, width);
        }
        sb.append("-".repeat(total)).append('\n');
        sb.append(String.format("Total params: %,d%n", totalParameters));
        sb.append(String.format("Trainable params: %,d%n", trainableParameters));
        sb.append(String.format("Total MACs: %,d%n", totalMacs));
        sb.append("Output ").append(Arrays.toString(outputShape));
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            boolean numeric = i >= 3 && i <= 4;
            String fmt = "%" + (numeric ? "" : "-") + width[i] + "s";
            sb.append(String.format(fmt, cells[i]));
            if (i < cells.length - 1) {
                sb.append("  ");
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }
}
