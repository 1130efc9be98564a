package io.github.minidl.core.pooling;

import io.github.minidl.core.kernels.Chunks;
import io.github.minidl.core.kernels.FloatHostBuffer;
import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.NativeMemory;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float32 loops of 2×2, stride-2 max pooling (see {@link PoolKernels#isPairPooling}) and
 * its backward, without indices: writing and reading back an index per output costs more than
 * finding the winner again. They are float32 only because float64 (gradient checks) takes the
 * indexed kernel, which these loops reproduce bit for bit. Arguments are checked by
 * {@link PoolKernels}. Internal to core: public for the own engine in {@code core.kernels}.
 */
public final class PairMaxPool {
    private PairMaxPool() {
    }

    /** {@link PoolKernels#maxPool2x2} of a checked float32 input. */
    public static INDArray forward(INDArray x) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        INDArray src = HostBuffer.contiguous(x);
        INDArray y = NativeMemory.uninitialized(x.dataType(), x.size(0), x.size(1), h / 2, w / 2);
        int inPlane = h * w;
        int outPlane = (h / 2) * (w / 2);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane, new int[] {inPlane, outPlane},
                (from, count, buffers) -> {
                    buffers[0].load(src, (long) from * inPlane, count * inPlane);
                    maxPlanes2x2(floats(buffers[0]), floats(buffers[1]), count, h, w);
                    buffers[1].store(y, (long) from * outPlane, count * outPlane);
                });
        return y;
    }

    /** {@link PoolKernels#maxPool2x2Backward} of checked float32 arrays. */
    public static INDArray backward(INDArray x, INDArray y, INDArray gy) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        INDArray xs = HostBuffer.contiguous(x);
        INDArray ys = HostBuffer.contiguous(y);
        INDArray gys = HostBuffer.contiguous(gy);
        INDArray gx = NativeMemory.uninitialized(x.dataType(), x.shape());
        int inPlane = h * w;
        int outPlane = (h / 2) * (w / 2);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane,
                new int[] {inPlane, outPlane, outPlane, inPlane}, (from, count, buffers) -> {
                    buffers[0].load(xs, (long) from * inPlane, count * inPlane);
                    buffers[1].load(ys, (long) from * outPlane, count * outPlane);
                    buffers[2].load(gys, (long) from * outPlane, count * outPlane);
                    maxPlanes2x2Backward(floats(buffers[0]), floats(buffers[1]), floats(buffers[2]),
                            floats(buffers[3]), count, h, w);
                    buffers[3].store(gx, (long) from * inPlane, count * inPlane);
                });
        return gx;
    }

    private static float[] floats(HostBuffer b) {
        return ((FloatHostBuffer) b).data;
    }

    /** The loop over one output row: {@code top} is where its first window starts in x, {@code o} in y. */
    @FunctionalInterface
    private interface RowKernel {
        void run(int top, int o, int outW, int w);
    }

    /** Runs {@code row} on every output row of {@code planes} consecutive (h, w) planes. */
    private static void forEachRow(int planes, int h, int w, RowKernel row) {
        int outH = h / 2;
        int outW = w / 2;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outH; i++) {
                row.run(p * h * w + 2 * i * w, (p * outH + i) * outW, outW, w);
            }
        }
    }

    /** 2×2, stride-2 max pooling of {@code planes} consecutive (h, w) planes of x into y. */
    private static void maxPlanes2x2(float[] x, float[] y, int planes, int h, int w) {
        forEachRow(planes, h, w, (top, o, outW, rowLength) -> {
            for (int j = 0; j < outW; j++, o++) {
                int a = top + 2 * j;
                int b = a + rowLength;
                // Math.max has no branches to mispredict on random data, but it prefers +0
                // to -0 and need not return the last NaN; only then is the tap order needed.
                float m = Math.max(Math.max(x[a], x[a + 1]), Math.max(x[b], x[b + 1]));
                if (m == 0 || m != m) {
                    m = x[winner(x, a, b)];
                }
                y[o] = m;
            }
        });
    }

    /**
     * The backward of {@link #maxPlanes2x2} into gx: each g goes to the first tap of its window
     * equal to the window's output y (the last NaN when y is NaN); every other element is +0.
     */
    private static void maxPlanes2x2Backward(float[] x, float[] y, float[] g, float[] gx, int planes, int h, int w) {
        if (h % 2 != 0 || w % 2 != 0) {
            Arrays.fill(gx, 0, planes * h * w, 0f);
        }
        forEachRow(planes, h, w, (top, o, outW, rowLength) -> {
            for (int j = 0; j < outW; j++, o++) {
                int a = top + 2 * j;
                int b = a + rowLength;
                float m = y[o];
                int first;
                int second;
                int third;
                int fourth;
                if (m != m) {
                    int win = winner(x, a, b);
                    first = win == a ? -1 : 0;
                    second = win == a + 1 ? -1 : 0;
                    third = win == b ? -1 : 0;
                    fourth = win == b + 1 ? -1 : 0;
                } else {
                    // Masks pick the first tap equal to the maximum without branches: all
                    // ones for the winner, zero for the others.
                    first = -(x[a] == m ? 1 : 0);
                    second = -(x[a + 1] == m ? 1 : 0) & ~first;
                    third = -(x[b] == m ? 1 : 0) & ~(first | second);
                    fourth = ~(first | second | third);
                }
                int bits = Float.floatToRawIntBits(g[o]);
                // 0 + g, as in a scatter into zeros: a -0 gradient arrives as +0.
                gx[a] = 0f + Float.intBitsToFloat(bits & first);
                gx[a + 1] = 0f + Float.intBitsToFloat(bits & second);
                gx[b] = 0f + Float.intBitsToFloat(bits & third);
                gx[b + 1] = 0f + Float.intBitsToFloat(bits & fourth);
            }
        });
    }

    /** The winning tap of the window with top-left a and bottom-left b, scanned in PyTorch's order. */
    private static int winner(float[] x, int a, int b) {
        return laterTapWins(x, laterTapWins(x, laterTapWins(x, a, a + 1), b), b + 1);
    }

    /** A later tap replaces the best if NaN or strictly greater, as PyTorch's {@code val > max || isnan(val)}. */
    private static int laterTapWins(float[] in, int at, int t) {
        float v = in[t];
        return v != v || v > in[at] ? t : at;
    }
}
