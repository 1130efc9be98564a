package io.github.minidl.core.pooling;

import io.github.minidl.core.kernels.Chunks;
import io.github.minidl.core.kernels.HostBuffer;
import io.github.minidl.core.kernels.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves of values by plane positions (LONG indices {@code h·W + w} per (n, c) plane): the gather
 * of max pooling with fixed indices, and the scatter that is its adjoint or max unpooling.
 * Loops run in float64, exact for moves. Arguments are checked by {@link PoolKernels}.
 */
final class PlaneScatter {
    private PlaneScatter() {
    }

    /** {@code y[n, c, i] = x[n, c, indices[n, c, i]]}. */
    static INDArray gather(INDArray x, INDArray indices) {
        int inPlane = (int) (x.size(2) * x.size(3));
        int outPlane = (int) (indices.size(2) * indices.size(3));
        return byIndex(x, indices, indices.shape(), inPlane, (in, y, index, planes) -> {
            for (int p = 0; p < planes; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    y[o] = in[p * inPlane + PoolKernels.checkedIndex(index[o], inPlane)];
                }
            }
        });
    }

    /**
     * {@code gx[n, c, indices[n, c, i]] (+)= g[n, c, i]} into zeros of [N, C, h, w]: summed when
     * {@code accumulate}, else a later position overwrites (PyTorch's max_unpool2d CPU loop).
     */
    static INDArray scatter(INDArray g, INDArray indices, int h, int w, boolean accumulate) {
        int inPlane = h * w;
        int outPlane = (int) (g.size(2) * g.size(3));
        return byIndex(g, indices, new long[] {g.size(0), g.size(1), h, w}, inPlane, (in, gx, index, planes) -> {
            for (int p = 0; p < planes; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    int at = p * inPlane + PoolKernels.checkedIndex(index[o], inPlane);
                    gx[at] = accumulate ? gx[at] + in[o] : in[o];
                }
            }
        });
    }

    /** One chunk's move: from the source planes into the destination planes (zeros), by the chunk's indices. */
    @FunctionalInterface
    private interface Move {
        void run(double[] src, double[] dst, long[] index, int planes);
    }

    /**
     * Runs {@code move} over chunks of whole (n, c) planes into a new array of {@code dstShape} in
     * src's dtype; the indices name positions in planes of {@code inPlane} elements.
     */
    private static INDArray byIndex(INDArray src, INDArray indices, long[] dstShape, int inPlane, Move move) {
        int srcPlane = (int) (src.size(2) * src.size(3));
        int dstPlane = (int) (dstShape[2] * dstShape[3]);
        int indexPlane = (int) (indices.size(2) * indices.size(3));
        INDArray dst = NativeMemory.uninitialized(src.dataType(), dstShape);
        INDArray values = HostBuffer.contiguous(src);
        INDArray idx = PoolKernels.longs(indices);
        Chunks.forPlanes(src.dataType(), (int) (src.size(0) * src.size(1)), inPlane, new int[] {srcPlane, dstPlane},
                (from, count, buffers) -> {
                    double[] in = buffers[0].loadDoubles(values, (long) from * srcPlane, count * srcPlane);
                    double[] out = new double[count * dstPlane];
                    long[] index = new long[count * indexPlane];
                    HostBuffer.loadIndices(idx, (long) from * indexPlane, index, index.length);
                    move.run(in, out, index, count);
                    buffers[1].storeDoubles(out, dst, (long) from * dstPlane);
                });
        return dst;
    }
}
