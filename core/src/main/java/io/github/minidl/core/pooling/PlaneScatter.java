package io.github.minidl.core.pooling;

import io.github.minidl.core.kernels.Chunks;
import io.github.minidl.core.kernels.HostBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        INDArray y = Nd4j.createUninitialized(x.dataType(), indices.shape());
        INDArray src = HostBuffer.contiguous(x);
        INDArray idx = PoolKernels.longs(indices);
        Chunks.forPlanes(x.dataType(), (int) (x.size(0) * x.size(1)), inPlane, new int[] {inPlane, outPlane},
                (from, count, buffers) -> {
                    double[] in = buffers[0].loadDoubles(src, (long) from * inPlane, count * inPlane);
                    double[] out = new double[count * outPlane];
                    long[] index = indices(idx, from, count, outPlane);
                    for (int p = 0; p < count; p++) {
                        for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                            out[o] = in[p * inPlane + PoolKernels.checkedIndex(index[o], inPlane)];
                        }
                    }
                    buffers[1].storeDoubles(out, y, (long) from * outPlane);
                });
        return y;
    }

    /**
     * {@code gx[n, c, indices[n, c, i]] (+)= g[n, c, i]} into zeros of [N, C, h, w]: summed when
     * {@code accumulate}, else a later position overwrites (PyTorch's max_unpool2d CPU loop).
     */
    static INDArray scatter(INDArray g, INDArray indices, int h, int w, boolean accumulate) {
        int inPlane = h * w;
        int outPlane = (int) (g.size(2) * g.size(3));
        INDArray gx = Nd4j.createUninitialized(g.dataType(), g.size(0), g.size(1), h, w);
        INDArray src = HostBuffer.contiguous(g);
        INDArray idx = PoolKernels.longs(indices);
        Chunks.forPlanes(g.dataType(), (int) (g.size(0) * g.size(1)), inPlane, new int[] {outPlane, inPlane},
                (from, count, buffers) -> {
                    double[] out = buffers[0].loadDoubles(src, (long) from * outPlane, count * outPlane);
                    double[] in = new double[count * inPlane];
                    long[] index = indices(idx, from, count, outPlane);
                    for (int p = 0; p < count; p++) {
                        for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                            int at = p * inPlane + PoolKernels.checkedIndex(index[o], inPlane);
                            in[at] = accumulate ? in[at] + out[o] : out[o];
                        }
                    }
                    buffers[1].storeDoubles(in, gx, (long) from * inPlane);
                });
        return gx;
    }

    /** The indices of planes [from, from + count), {@code planeSize} per plane. */
    private static long[] indices(INDArray idx, int from, int count, int planeSize) {
        long[] index = new long[count * planeSize];
        HostBuffer.loadIndices(idx, (long) from * planeSize, index, index.length);
        return index;
    }
}
