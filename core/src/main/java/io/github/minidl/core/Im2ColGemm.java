package io.github.minidl.core;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three pieces every convolution is built from, for a convolution spec s with weight
 * {@code W [O, C/g, kH, kW]}: the forward map {@code y[n] = W · im2col(x[n])}, its adjoint
 * {@code x[n] = col2im(Wᵀ · y[n])} (the transposed convolution) and the weight gradient
 * {@code gW = Σ gy[n] · im2col(x[n])ᵀ}. Each group is one GEMM over contiguous row blocks.
 * Samples are split over {@link Threads}; each worker owns its im2col scratch.
 */
final class Im2ColGemm {
    private Im2ColGemm() {
    }

    /** Per-worker scratch: one sample's image and im2col matrix, on the heap and off it. */
    private static final class Scratch {
        final HostBuffer image;
        final HostBuffer cols;
        final INDArray colsArray;
        final INDArray[] colsOfGroup;

        Scratch(INDArray like, ConvSpec s, PatchIndex index) {
            int channels = s.inChannels();
            int rowsPerGroup = channels / s.groups() * index.taps;
            image = HostBuffer.allocate(like.dataType(), channels * index.planeSize());
            cols = HostBuffer.allocate(like.dataType(), channels * index.taps * index.pixels());
            colsArray = Nd4j.create(like.dataType(), (long) channels * index.taps, index.pixels());
            colsOfGroup = new INDArray[s.groups()];
            for (int g = 0; g < s.groups(); g++) {
                colsOfGroup[g] = colsArray.get(interval(g * rowsPerGroup, (g + 1) * rowsPerGroup), all());
            }
        }
    }

    /** Rows of W, reshaped to [O, C/g·kH·kW], that belong to each group. */
    private static INDArray[] weightOfGroup(INDArray w, ConvSpec s) {
        long outPerGroup = s.outChannels() / s.groups();
        INDArray flat = w.reshape('c', w.size(0), w.length() / w.size(0));
        INDArray[] byGroup = new INDArray[s.groups()];
        for (int g = 0; g < s.groups(); g++) {
            byGroup[g] = flat.get(interval(g * outPerGroup, (g + 1) * outPerGroup), all());
        }
        return byGroup;
    }

    /** Rows of y (viewed as [N·O, P]) of sample n, group g. */
    private static INDArray outputOf(INDArray yFlat, ConvSpec s, int n, int g) {
        long outPerGroup = s.outChannels() / s.groups();
        long first = (long) n * s.outChannels() + g * outPerGroup;
        return yFlat.get(interval(first, first + outPerGroup), all());
    }

    private static INDArray flatOutput(INDArray y) {
        return y.reshape('c', y.size(0) * y.size(1), y.size(2) * y.size(3));
    }

    /** y = conv(x, w) without bias; x [N, C, H, W] contiguous, y [N, O, Ho, Wo] written whole. */
    static void forward(INDArray x, INDArray w, ConvSpec s, INDArray y) {
        PatchIndex index = PatchIndex.of(s, (int) x.size(2), (int) x.size(3), (int) y.size(2), (int) y.size(3));
        INDArray[] wg = weightOfGroup(w, s);
        INDArray yFlat = flatOutput(y);
        long sampleSize = x.length() / x.size(0);
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            Scratch sc = new Scratch(x, s, index);
            for (int n = from; n < to; n++) {
                sc.image.load(x, n * sampleSize);
                sc.cols.gather(sc.image, s.inChannels(), index);
                sc.cols.store(sc.colsArray, 0);
                for (int g = 0; g < s.groups(); g++) {
                    Nd4j.gemm(wg[g], sc.colsOfGroup[g], outputOf(yFlat, s, n, g), false, false, 1.0, 0.0);
                }
            }
        });
    }

    /**
     * The adjoint of {@link #forward} in x: gx = col2im(Wᵀ · gy); gy [N, O, Ho, Wo] contiguous,
     * gx [N, C, H, W] written whole. This is the transposed convolution.
     */
    static void adjoint(INDArray gy, INDArray w, ConvSpec s, INDArray gx) {
        PatchIndex index = PatchIndex.of(s, (int) gx.size(2), (int) gx.size(3), (int) gy.size(2), (int) gy.size(3));
        INDArray[] wg = weightOfGroup(w, s);
        INDArray gyFlat = flatOutput(gy);
        long sampleSize = gx.length() / gx.size(0);
        Threads.forRange((int) gy.size(0), (worker, from, to) -> {
            Scratch sc = new Scratch(gx, s, index);
            for (int n = from; n < to; n++) {
                for (int g = 0; g < s.groups(); g++) {
                    Nd4j.gemm(wg[g], outputOf(gyFlat, s, n, g), sc.colsOfGroup[g], true, false, 1.0, 0.0);
                }
                sc.cols.load(sc.colsArray, 0);
                sc.image.clear();
                sc.image.scatterAdd(sc.cols, s.inChannels(), index);
                sc.image.store(gx, n * sampleSize);
            }
        });
    }

    /** gW [O, C/g, kH, kW] = Σ_n gy[n] · im2col(x[n])ᵀ, per group. */
    static INDArray weightGrad(INDArray x, INDArray gy, ConvSpec s) {
        PatchIndex index = PatchIndex.of(s, (int) x.size(2), (int) x.size(3), (int) gy.size(2), (int) gy.size(3));
        INDArray gyFlat = flatOutput(gy);
        long sampleSize = x.length() / x.size(0);
        long[] shape = s.weightShape();
        int workers = Threads.workersFor((int) x.size(0));
        INDArray[] partial = new INDArray[workers];
        Threads.forRange((int) x.size(0), (worker, from, to) -> {
            Scratch sc = new Scratch(x, s, index);
            INDArray gw = Nd4j.zeros(x.dataType(), shape);
            INDArray[] gwg = weightOfGroup(gw, s);
            for (int n = from; n < to; n++) {
                sc.image.load(x, n * sampleSize);
                sc.cols.gather(sc.image, s.inChannels(), index);
                sc.cols.store(sc.colsArray, 0);
                for (int g = 0; g < s.groups(); g++) {
                    Nd4j.gemm(outputOf(gyFlat, s, n, g), sc.colsOfGroup[g], gwg[g], false, true, 1.0, 1.0);
                }
            }
            partial[worker] = gw;
        });
        // Summed in worker order so that a fixed thread count gives a fixed result.
        INDArray total = partial[0];
        for (int i = 1; i < workers; i++) {
            total.addi(partial[i]);
        }
        return total;
    }
}
