package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the im2col matrix of one channel reads from, as runs: for kernel row kh and output row oh
 * the input row (or none, in the padding), and for kernel column kw the range of output columns
 * that fall inside the input, with the input column of the first one. Each (kh, kw, oh) is then a
 * zero run, a copy with stride {@code strideW} and a zero run, so im2col, col2im and the depthwise
 * loops are plain array copies and axpys in the common stride-1 case.
 *
 * <p>This is the sparsity pattern of the convolution matrix C, shared by every channel.
 * Geometries are cached: a training loop builds each one once.
 */
final class PatchIndex {
    private static final ConcurrentHashMap<Key, PatchIndex> CACHE = new ConcurrentHashMap<>();

    final int inH;
    final int inW;
    final int outH;
    final int outW;
    final int taps;
    final int kernelH;
    final int kernelW;
    /** Input row read by kernel row kh at output row oh (entry kh*outH + oh), or -1 in the padding. */
    final int[] inputRow;
    /** For kernel column kw: output columns [colFrom[kw], colTo[kw]) read inside the input... */
    final int[] colFrom;
    final int[] colTo;
    /** ...starting at input column colStart[kw] and stepping by strideW. */
    final int[] colStart;
    final int strideW;
    /** True when the map is the identity (1×1 kernel, stride 1, no padding): im2col is a no-op. */
    final boolean identity;

    private record Key(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                       int inH, int inW, int firstRow, int outH, int outW) { }

    private PatchIndex(ConvSpec s, int inH, int inW, int firstRow, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.taps = s.kernel(0) * s.kernel(1);
        this.kernelH = s.kernel(0);
        this.kernelW = s.kernel(1);
        this.strideW = s.stride(1);
        this.inputRow = new int[kernelH * outH];
        for (int i = 0; i < kernelH; i++) {
            for (int oh = 0; oh < outH; oh++) {
                long ih = (long) (firstRow + oh) * s.stride(0) - s.padding(0) + (long) i * s.dilation(0);
                inputRow[i * outH + oh] = ih >= 0 && ih < inH ? (int) ih : -1;
            }
        }
        this.colFrom = new int[kernelW];
        this.colTo = new int[kernelW];
        this.colStart = new int[kernelW];
        for (int j = 0; j < kernelW; j++) {
            long offset = (long) j * s.dilation(1) - s.padding(1);
            int from = 0;
            while (from < outW && (long) from * strideW + offset < 0) {
                from++;
            }
            int to = from;
            while (to < outW && (long) to * strideW + offset < inW) {
                to++;
            }
            colFrom[j] = from;
            colTo[j] = to;
            colStart[j] = (int) Math.max(0, Math.min(inW, (long) from * strideW + offset));
        }
        boolean same = taps == 1 && firstRow == 0 && inH == outH && inW == outW && strideW == 1 && colStart[0] == 0;
        for (int oh = 0; same && oh < outH; oh++) {
            same = inputRow[oh] == oh;
        }
        this.identity = same;
    }

    /** The map of a convolution from (inH, inW) to the first (outH, outW) outputs. */
    static PatchIndex of(ConvSpec s, int inH, int inW, int outH, int outW) {
        return of(s, inH, inW, 0, outH, outW);
    }

    /** The map to output rows [firstRow, firstRow + outH) and the first outW columns: one band of the output. */
    static PatchIndex of(ConvSpec s, int inH, int inW, int firstRow, int outH, int outW) {
        Key key = new Key(s.kernel(0), s.kernel(1), s.stride(0), s.stride(1), s.padding(0),
                s.padding(1), s.dilation(0), s.dilation(1), inH, inW, firstRow, outH, outW);
        if (CACHE.size() > 256) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(key, k -> new PatchIndex(s, inH, inW, firstRow, outH, outW));
    }

    int pixels() {
        return outH * outW;
    }

    int planeSize() {
        return inH * inW;
    }

    @Override
    public String toString() {
        return "PatchIndex[" + inH + "x" + inW + " -> " + outH + "x" + outW + ", taps=" + taps + "]";
    }
}
