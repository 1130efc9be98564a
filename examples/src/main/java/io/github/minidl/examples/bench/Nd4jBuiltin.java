package io.github.minidl.examples.bench;

import io.github.minidl.core.geometry.ConvSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The peer: libnd4j's built-in convolution ops ({@code conv2d(_bp)}, {@code depthwise_conv2d(_bp)},
 * {@code deconv2d(_bp)}) called through {@link DynamicCustomOp}, with weights in libnd4j's
 * {@code [kH, kW, iC, oC]} layout. It has no groups other than depthwise; {@link #supports} says so.
 */
final class Nd4jBuiltin {
    private final ConvCase c;
    private final INDArray x;
    private final INDArray w;
    private final INDArray b;
    private final INDArray y;
    private final INDArray gy;
    private final INDArray gx;
    private final INDArray gw;
    private final INDArray gb;
    private final long[] args;
    private final String op;

    Nd4jBuiltin(ConvCase c, INDArray x, INDArray minidlWeight, INDArray b, INDArray gy) {
        this.c = c;
        this.x = x;
        this.b = b;
        this.gy = gy;
        ConvSpec s = c.spec();
        int[] out = c.outputSize();
        this.y = Nd4j.create(DataType.FLOAT, c.batch(), s.outChannels(), out[0], out[1]);
        this.gx = Nd4j.create(DataType.FLOAT, x.shape());
        this.gb = Nd4j.create(DataType.FLOAT, b.shape());
        if (c.transposed()) {
            op = "deconv2d";
            w = minidlWeight.permute(2, 3, 1, 0).dup('c');          // [kH, kW, oC, iC]
            args = new long[] {s.kernel(0), s.kernel(1), s.stride(0), s.stride(1), s.padding(0), s.padding(1),
                s.dilation(0), s.dilation(1), 0, 0, 0};
        } else if (s.isDepthwise()) {
            op = "depthwise_conv2d";
            int m = s.outChannels() / s.inChannels();
            w = minidlWeight.reshape(s.inChannels(), m, s.kernel(0), s.kernel(1)).permute(2, 3, 0, 1).dup('c');
            args = new long[] {s.kernel(0), s.kernel(1), s.stride(0), s.stride(1), s.padding(0), s.padding(1),
                s.dilation(0), s.dilation(1), 0, 0};
        } else {
            op = "conv2d";
            w = minidlWeight.permute(2, 3, 1, 0).dup('c');          // [kH, kW, iC, oC]
            args = new long[] {s.kernel(0), s.kernel(1), s.stride(0), s.stride(1), s.padding(0), s.padding(1),
                s.dilation(0), s.dilation(1), 0, 0, 0};
        }
        this.gw = Nd4j.create(DataType.FLOAT, w.shape());
    }

    /** The libnd4j op this peer runs, e.g. {@code conv2d}. */
    String opName() {
        return op;
    }

    /** libnd4j has no grouped convolution except depthwise. */
    static boolean supports(ConvCase c) {
        return c.spec().groups() == 1 || c.spec().isDepthwise();
    }

    void forward() {
        Nd4j.exec(build(op, new INDArray[] {x, w, b}, new INDArray[] {y}));
    }

    void forwardBackward() {
        forward();
        Nd4j.exec(build(op + "_bp", new INDArray[] {x, w, b, gy}, new INDArray[] {gx, gw, gb}));
    }

    /** The peer's output, to check that both compute the same thing. */
    INDArray output() {
        return y;
    }

    private DynamicCustomOp build(String name, INDArray[] in, INDArray[] out) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(name).addInputs(in).addOutputs(out);
        int[] ints = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            ints[i] = (int) args[i];
        }
        return builder.addIntegerArguments(ints).build();
    }

    @Override
    public String toString() {
        return "ND4J " + op + " for " + c.id();
    }
}
