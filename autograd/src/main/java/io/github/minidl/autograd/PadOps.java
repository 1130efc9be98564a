package io.github.minidl.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Padding as an index map per axis: padded position q reads source position src[q] (or
 * nothing, for constant padding). The forward gathers; the backward scatters back, so a source
 * copied several times (reflect, replicate, circular) accumulates its gradient.
 */
final class PadOps {
    private PadOps() {
    }

    /** One padded axis and its index map. */
    private record AxisMap(int axis, int[] source) {
    }

    /**
     * @param pads PyTorch order: (left, right) of the last axis, then (top, bottom) of the one
     *             before, and so on; negative amounts crop
     */
    static Tensor pad(Tensor x, int[] pads, PadMode mode, double value) {
        Nd.sameFloatType("pad", x);
        if (pads == null || pads.length % 2 != 0 || pads.length / 2 > x.rank()) {
            throw new IllegalArgumentException("pad: pads=" + Arrays.toString(pads) + " must hold a (before, after)"
                    + " pair for each of at most " + x.rank() + " trailing dimensions");
        }
        long[] shape = x.shape();
        List<AxisMap> maps = new ArrayList<>();
        long[] outShape = shape.clone();
        boolean constant = mode == PadMode.CONSTANT || mode == PadMode.ZEROS;
        for (int k = 0; k < pads.length / 2; k++) {
            int axis = shape.length - 1 - k;
            int before = pads[2 * k];
            int after = pads[2 * k + 1];
            if (before == 0 && after == 0) {
                continue;
            }
            if (shape[axis] + before + after < 1) {
                throw new IllegalArgumentException(String.format("pad: pads=%s leave dimension %d of size %d with"
                        + " %d elements; cropping must keep at least 1", Arrays.toString(pads), axis, shape[axis],
                        shape[axis] + before + after));
            }
            maps.add(new AxisMap(axis, indexMap((int) shape[axis], before, after, mode, axis)));
            outShape[axis] = shape[axis] + before + after;
        }
        if (maps.isEmpty()) {
            return x;
        }
        INDArray y = gather(x.data(), maps);
        double fill = mode == PadMode.CONSTANT ? value : 0;
        if (constant && fill != 0) {
            INDArray border = gather(Nd4j.ones(x.dataType(), shape), maps).rsubi(1).muli(fill);
            y.addi(border);
        }
        return Node.record("pad", y, (gy, out, needs) -> new Tensor[] {
            LinearOps.apply("padBackward", gy, g -> scatter(g, maps, shape), "pad", a -> gather(a, maps))}, x);
    }

    /**
     * Output position q reads source i = q - before (negative amounts crop). Reflect and
     * replicate map an i outside the axis by the whole axis; circular wraps inside what the
     * cropping keeps, as PyTorch's circular padding crops first and then wraps.
     */
    private static int[] indexMap(int size, int before, int after, PadMode mode, int axis) {
        if (mode == PadMode.REFLECT && (before >= size || after >= size)) {
            throw new IllegalArgumentException(String.format("pad: reflect padding (%d, %d) of dimension %d must be"
                    + " smaller than its size %d", before, after, axis, size));
        }
        int lo = Math.max(-before, 0);
        int kept = size - lo - Math.max(-after, 0);
        if (mode == PadMode.CIRCULAR && (before > kept || after > kept)) {
            throw new IllegalArgumentException(String.format("pad: circular padding (%d, %d) of dimension %d must not"
                    + " exceed the %d elements it wraps around", before, after, axis, kept));
        }
        int[] src = new int[size + before + after];
        for (int q = 0; q < src.length; q++) {
            int i = q - before;
            if (i >= 0 && i < size && mode != PadMode.CIRCULAR) {
                src[q] = i;
                continue;
            }
            src[q] = switch (mode) {
                case CONSTANT, ZEROS -> -1;
                case REFLECT -> i < 0 ? -i : 2 * (size - 1) - i;
                case REPLICATE -> Math.min(Math.max(i, 0), size - 1);
                case CIRCULAR -> lo + Math.floorMod(q - Math.max(before, 0), kept);
            };
        }
        return src;
    }

    private static INDArray gather(INDArray a, List<AxisMap> maps) {
        INDArray cur = a;
        for (AxisMap m : maps) {
            cur = alongAxis(cur, m, m.source().length, false);
        }
        return cur;
    }

    private static INDArray scatter(INDArray g, List<AxisMap> maps, long[] inShape) {
        INDArray cur = g;
        for (int k = maps.size() - 1; k >= 0; k--) {
            AxisMap m = maps.get(k);
            cur = alongAxis(cur, m, inShape[m.axis()], true);
        }
        return cur;
    }

    /**
     * One axis of the gather ({@code out[q] = a[src[q]]}, the axis becoming {@code size} long) or of
     * its adjoint, the scatter ({@code out[src[q]] += a[q]}), copied in runs of consecutive indices.
     */
    private static INDArray alongAxis(INDArray a, AxisMap m, long size, boolean adjoint) {
        long[] s = a.shape().clone();
        s[m.axis()] = size;
        INDArray out = Nd4j.zeros(a.dataType(), s);
        forEachRun(m.source(), (q, src, len) -> {
            if (adjoint) {
                out.get(range(s.length, m.axis(), src, len)).addi(a.get(range(s.length, m.axis(), q, len)));
            } else {
                out.get(range(s.length, m.axis(), q, len)).assign(a.get(range(s.length, m.axis(), src, len)));
            }
        });
        return out;
    }

    private interface RunBody {
        void run(int q, int src, int len);
    }

    /** Maximal runs q..q+len-1 that read consecutive sources src..src+len-1. */
    private static void forEachRun(int[] source, RunBody body) {
        int q = 0;
        while (q < source.length) {
            if (source[q] < 0) {
                q++;
                continue;
            }
            int len = 1;
            while (q + len < source.length && source[q + len] == source[q] + len) {
                len++;
            }
            body.run(q, source[q], len);
            q += len;
        }
    }

    private static INDArrayIndex[] range(int rank, int axis, long start, long len) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(start, start + len) : NDArrayIndex.all();
        }
        return idx;
    }
}
