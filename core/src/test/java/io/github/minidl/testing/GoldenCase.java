package io.github.minidl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.minidl.core.geometry.PoolSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One record of a golden JSON Lines file: its id, op, params and float64 tensors. */
public final class GoldenCase {
    private final JsonNode node;

    GoldenCase(JsonNode node) {
        this.node = node;
    }

    public String id() {
        return node.get("id").asText();
    }

    public String op() {
        return node.get("op").asText();
    }

    /** The raw record, for fields without an accessor. */
    public JsonNode json() {
        return node;
    }

    public JsonNode params() {
        return node.get("params");
    }

    /** True when the record has a non-null field of this name. */
    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** An {@code [h, w]} (or any int list) parameter. */
    public int[] ints(String param) {
        JsonNode a = params().get(param);
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    public int intParam(String param) {
        return params().get(param).asInt();
    }

    public double doubleParam(String param) {
        return params().get(param).asDouble();
    }

    public boolean boolParam(String param) {
        return params().get(param).asBoolean();
    }

    /**
     * The pooling spec of a pooling case: kernel_size, stride, padding and ceil_mode, plus
     * dilation and count_include_pad where the case has them.
     */
    public PoolSpec poolSpec() {
        PoolSpec.PoolSpecBuilder b = PoolSpec.builder(ints("kernel_size")).stride(ints("stride"))
                .padding(ints("padding")).ceilMode(boolParam("ceil_mode"));
        if (params().has("dilation")) {
            b.dilation(ints("dilation"));
        }
        if (params().has("count_include_pad")) {
            b.countIncludePad(boolParam("count_include_pad"));
        }
        return b.build();
    }

    /** A float64 tensor field, or null where the record holds null. */
    public INDArray tensor(String name) {
        return tensor(name, DataType.DOUBLE);
    }

    /** A tensor field in the given dtype (integer tensors such as labels as LONG), or null. */
    public INDArray tensor(String name, DataType type) {
        JsonNode t = node.get(name);
        if (t == null || t.isNull()) {
            return null;
        }
        return toArray(t, type);
    }

    /** A shape field such as {@code x_shape}, or null. */
    public long[] shape(String name) {
        JsonNode s = node.get(name);
        if (s == null || s.isNull()) {
            return null;
        }
        long[] v = new long[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.get(i).asLong();
        }
        return v;
    }

    /** A scalar field such as {@code loss}. */
    public double scalar(String name) {
        return node.get(name).asDouble();
    }

    static INDArray toArray(JsonNode t, DataType type) {
        JsonNode shapeNode = t.get("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        JsonNode data = t.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).asDouble();
        }
        INDArray flat = Nd4j.createFromArray(values).castTo(type);
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }

    @Override
    public String toString() {
        return id();
    }
}
