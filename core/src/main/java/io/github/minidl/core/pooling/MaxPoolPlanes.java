package io.github.minidl.core.pooling;

import io.github.minidl.core.geometry.PoolSpec;
import io.github.minidl.core.kernels.Chunks;
import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Indexed max pooling of any window (padding, dilation, ceil mode), looping in float64: the
 * maximum is one of the inputs, so the result is exact for float32 too. Arguments are checked by
 * {@link PoolKernels}.
 */
final class MaxPoolPlanes {
    private MaxPoolPlanes() {
    }

    /** {@link PoolKernels#maxPool2d} on a checked rank-4 float array. */
    static MaxPoolArrays maxPool2d(INDArray x, PoolSpec spec) {
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] out = spec.outputSize(h, w);
        long[] shape = {x.size(0), x.size(1), out[0], out[1]};
        INDArray y = NativeMemory.uninitialized(x.dataType(), shape);
        INDArray idx = Nd4j.createUninitialized(DataType.LONG, shape);
        INDArray src = HostBuffer.contiguous(x);
        WindowTaps rows = new WindowTaps(h, out[0], spec.kernel(0), spec.stride(0), spec.padding(0), spec.dilation(0));
        WindowTaps cols = new WindowTaps(w, out[1], spec.kernel(1), spec.stride(1), spec.padding(1), spec.dilation(1));
        int inPlane = h * w;
        int outPlane = out[0] * out[1];
        // The 2×2, stride-2 pooling of most CNNs gets a loop without window bookkeeping.
        boolean pairs = PoolKernels.isPairPooling(spec, h, w);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane, new int[] {inPlane, outPlane},
                (from, count, buffers) -> {
                    double[] in = buffers[0].loadDoubles(src, (long) from * inPlane, count * inPlane);
                    double[] values = new double[count * outPlane];
                    long[] index = new long[count * outPlane];
                    for (int p = 0; p < count; p++) {
                        if (pairs) {
                            maxPlane2x2(in, p * inPlane, w, out[0], out[1], values, index, p * outPlane);
                        } else {
                            maxPlane(in, p * inPlane, w, rows, cols, values, index, p * outPlane);
                        }
                    }
                    buffers[1].storeDoubles(values, y, (long) from * outPlane);
                    HostBuffer.storeIndices(idx, (long) from * outPlane, index, index.length);
                });
        return new MaxPoolArrays(y, idx);
    }

    /**
     * Max pooling of the plane at {@code in[inAt, …)} (row length w) into {@code out} and
     * {@code index} from {@code outAt}; indices count from the plane's start.
     */
    private static void maxPlane(double[] in, int inAt, int w, WindowTaps rows, WindowTaps cols,
            double[] out, long[] index, int outAt) {
        int outW = cols.first.length;
        int o = outAt;
        for (int i = 0; i < rows.first.length; i++) {
            int rowFrom = rows.first[i];
            int rowTo = rows.last[i];
            for (int j = 0; j < outW; j++, o++) {
                int colFrom = cols.position(j, cols.first[j]);
                int colTo = cols.position(j, cols.last[j] - 1);
                double best = Double.NEGATIVE_INFINITY;
                // The first tap wins ties (and an all -∞ window), as in PyTorch.
                int bestAt = rowFrom < rowTo && colFrom <= colTo ? rows.position(i, rowFrom) * w + colFrom : -1;
                for (int a = rowFrom; a < rowTo; a++) {
                    int r = rows.position(i, a) * w;
                    for (int c = colFrom; c <= colTo; c += cols.dilation) {
                        double v = in[inAt + r + c];
                        // PyTorch's test: every NaN replaces the best, so the last NaN wins.
                        if (v > best || v != v) {
                            best = v;
                            bestAt = r + c;
                        }
                    }
                }
                out[o] = best;
                index[o] = bestAt;
            }
        }
    }

    /**
     * {@link #maxPlane} for 2×2 windows at stride 2 that all lie inside the plane: the same
     * order of taps, ties and NaN rule, without the window bookkeeping.
     */
    private static void maxPlane2x2(double[] in, int inAt, int w, int outH, int outW,
            double[] out, long[] index, int outAt) {
        int o = outAt;
        for (int i = 0; i < outH; i++) {
            int top = inAt + 2 * i * w;
            int bottom = top + w;
            for (int j = 0; j < outW; j++, o++) {
                int at = top + 2 * j;
                at = laterTapWins(in, at, at + 1);
                at = laterTapWins(in, at, bottom + 2 * j);
                at = laterTapWins(in, at, bottom + 2 * j + 1);
                out[o] = in[at];
                index[o] = at - inAt;
            }
        }
    }

    /**
     * The position of the window maximum after scanning tap t, given the best so far at {@code at}:
     * a later tap replaces the best if NaN or strictly greater (nothing is greater than NaN), as
     * PyTorch's {@code val > max || isnan(val)}.
     */
    private static int laterTapWins(double[] in, int at, int t) {
        double v = in[t];
        return v != v || v > in[at] ? t : at;
    }

    /**
     * The taps of a pooling window along one axis that fall inside the input: for output i, taps
     * [first[i], last[i]) read input positions i·stride − padding + tap·dilation.
     */
    private static final class WindowTaps {
        final int[] first;
        final int[] last;
        final int stride;
        final int padding;
        final int dilation;

        WindowTaps(int size, int outputs, int kernel, int stride, int padding, int dilation) {
            this.stride = stride;
            this.padding = padding;
            this.dilation = dilation;
            first = new int[outputs];
            last = new int[outputs];
            for (int i = 0; i < outputs; i++) {
                // Taps t with 0 <= i·stride - padding + t·dilation < size, in long: t·dilation may pass an int.
                long start = (long) i * stride - padding;
                long a = Math.min(kernel, Math.max(0, -Math.floorDiv(start, dilation)));
                long b = Math.min(kernel, Math.max(a, -Math.floorDiv(start - size, dilation)));
                first[i] = (int) a;
                last[i] = (int) b;
            }
        }

        int position(int i, int tap) {
            return i * stride - padding + tap * dilation;
        }
    }
}
