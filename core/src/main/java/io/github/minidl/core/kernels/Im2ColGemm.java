package io.github.minidl.core.kernels;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.Sizes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three pieces every convolution is built from, for a convolution spec s with weight
 * {@code W [O, C/g·kH·kW]} and the im2col matrix {@code X [C·kH·kW, P]} of one sample
 * (P output pixels):
 * <ul>
 *   <li>forward: {@code Y = W · X}, the convolution;</li>
 *   <li>adjoint: {@code gX = Wᵀ · gY}, then col2im adds gX back onto the image: the transposed
 *       convolution, which is also the input gradient of the forward map;</li>
 *   <li>weight gradient: {@code gW = Σ_samples gY · Xᵀ}.</li>
 * </ul>
 * Each group is one GEMM over contiguous row blocks. The batch is split over the
 * {@link Threads} workers, and each worker runs the whole pipeline for one sample at a time: its
 * im2col matrix (under a megabyte for typical layers) is built and consumed while it is still in
 * the core's cache, and the GEMM reads and writes the sample's block of the NCHW arrays in place,
 * so no batch-sized matrix is ever written to memory and no output is copied. A 1×1 convolution
 * with stride 1 and no padding skips im2col: the image already is its matrix.
 *
 * <p>A sample whose im2col matrix would pass {@link #BLOCK_LIMIT} elements (it can pass an int:
 * 256 channels, a 15×15 kernel and a 200×200 output make 2.3·10⁹) is done in bands of whole
 * output rows, each band's matrix within the limit. Below the limit there is one band and the
 * arithmetic is exactly that of the unsplit product.
 */
final class Im2ColGemm {
    /** The most elements of one worker's im2col block (64 MiB in float32). */
    static final int BLOCK_LIMIT = 1 << 24;
    /** The limit in use; only tests lower it, to run the banded path on small inputs. */
    private static volatile int blockLimit = BLOCK_LIMIT;

    private Im2ColGemm() {
    }

    /** Sets the im2col block limit (elements); returns the previous one. For tests of the banded path. */
    static int setBlockLimit(int elements) {
        int old = blockLimit;
        blockLimit = elements;
        return old;
    }

    /** The output rows in bands whose im2col matrices stay within the block limit, each with its map. */
    static PatchIndex[] bands(ConvSpec s, int inH, int inW, int outH, int outW) {
        long perRow = Sizes.product(s.inChannels(), s.kernel(0), s.kernel(1), outW);
        if (perRow > Sizes.MAX_ELEMENTS) {
            throw new IllegalArgumentException(String.format(
                    "one output row of the im2col matrix needs inChannels·kH·kW·Wo = %d·%d·%d·%d = %s elements,"
                            + " more than one array holds; reduce the channels, the kernel or the width",
                    s.inChannels(), s.kernel(0), s.kernel(1), outW, Sizes.describe(perRow)));
        }
        int bandRows = (int) Math.max(1, Math.min(outH, blockLimit / perRow));
        PatchIndex[] out = new PatchIndex[(outH + bandRows - 1) / bandRows];
        for (int b = 0; b < out.length; b++) {
            int first = b * bandRows;
            out[b] = PatchIndex.of(s, inH, inW, first, Math.min(bandRows, outH - first), outW);
        }
        return out;
    }

    /** Shapes shared by the workers of one call. */
    private static final class Plan {
        final PatchIndex index;
        /** The output in bands of whole rows, each with its own map; one band unless im2col is too big. */
        final PatchIndex[] bands;
        final int channels;
        final int outs;
        final int groups;
        /** Rows of the im2col matrix per group, = columns of the flat weight. */
        final int rowsPerGroup;
        final int outsPerGroup;
        final int pixels;
        final int imageLength;
        final DataType type;
        final Worker[] workers;

        Plan(ConvSpec s, DataType type, int batch, int inH, int inW, int outH, int outW) {
            this.type = type;
            index = PatchIndex.of(s, inH, inW, outH, outW);
            channels = s.inChannels();
            outs = s.outChannels();
            groups = s.groups();
            rowsPerGroup = channels / groups * index.taps;
            outsPerGroup = outs / groups;
            pixels = index.pixels();
            imageLength = channels * index.planeSize();
            bands = index.identity ? new PatchIndex[] {index} : bands(s, inH, inW, outH, outW);
            Blas.useOneThread();
            workers = new Worker[Threads.workersFor(batch)];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this, i);
            }
        }

        /** Elements of the largest band's im2col matrix. */
        int blockLength() {
            return rows() * bands[0].pixels();
        }

        int rows() {
            return rowsPerGroup * groups;
        }

        /**
         * Runs {@code body} for every sample of the batch, split over the workers, then hands the
         * workers' buffers and {@code shared} (a buffer the body reads, or null) back.
         */
        void forEachSample(int batch, HostBuffer shared, SampleBody body) {
            try {
                Threads.forRange(batch, (worker, from, to) -> {
                    for (int n = from; n < to; n++) {
                        body.run(workers[worker], n);
                    }
                });
            } finally {
                for (Worker w : workers) {
                    w.release();
                }
                Scratch.release(shared);
            }
        }

        /**
         * Runs {@code body} on each band of sample n's im2col matrix in turn, built in the worker's
         * off-heap [rows, band pixels] buffer, or on x itself when the map is the identity.
         */
        void forEachBand(Worker w, INDArray x, int n, BandBody body) {
            long imageAt = (long) n * imageLength;
            if (index.identity) {
                body.run(index, 0, x, imageAt);
                return;
            }
            w.image.load(x, imageAt);
            int firstRow = 0;
            for (PatchIndex band : bands) {
                w.colsHost.im2col(w.image, channels, band, band.pixels(), 0);
                w.colsHost.store(w.cols, 0, rows() * band.pixels());
                body.run(band, firstRow, w.cols, 0);
                firstRow += band.outH;
            }
        }

        /** Element offset of output row {@code firstRow} of group g's block in sample n's [outs, pixels] matrix. */
        long outputAt(int n, int g, PatchIndex band, int firstRow) {
            return (long) n * outs * pixels + (long) g * outsPerGroup * pixels + (long) firstRow * band.outW;
        }
    }

    /** What one worker does with sample n. */
    private interface SampleBody {
        void run(Worker worker, int n);
    }

    /** What one worker does with one band of a sample: its map, first output row and im2col matrix. */
    private interface BandBody {
        void run(PatchIndex band, int firstRow, INDArray cols, long colsAt);
    }

    /** One worker's buffers: the image on the heap and the im2col matrix on and off the heap. */
    private static final class Worker {
        final int id;
        final HostBuffer image;
        final HostBuffer colsHost;
        final INDArray cols;

        Worker(Plan p, int id) {
            this.id = id;
            image = Scratch.host(p.type, p.imageLength);
            boolean needsCols = !p.index.identity;
            colsHost = needsCols ? Scratch.host(p.type, p.blockLength()) : null;
            cols = needsCols ? Scratch.matrix(p.type, p.rows(), p.bands[0].pixels()) : null;
        }

        void release() {
            Scratch.release(image, colsHost, cols);
        }
    }

    /**
     * y = conv(x, w) + b; x [N, C, H, W] and w contiguous, b [O] or null, y [N, O, Ho, Wo]
     * contiguous and written whole.
     */
    static void forward(INDArray x, INDArray w, INDArray b, ConvSpec s, INDArray y) {
        int batch = (int) x.size(0);
        Plan p = new Plan(s, x.dataType(), batch, (int) x.size(2), (int) x.size(3), (int) y.size(2), (int) y.size(3));
        HostBuffer biasPlanes = biasPlanes(p.type, b, p.outs, p.pixels);
        p.forEachSample(batch, biasPlanes, (worker, n) -> {
            if (biasPlanes != null) {
                biasPlanes.store(y, p.outputAt(n, 0, p.index, 0));
            }
            p.forEachBand(worker, x, n, (band, firstRow, cols, colsAt) -> {
                int bandPixels = band.pixels();
                for (int g = 0; g < p.groups; g++) {
                    Blas.gemm(false, false, p.outsPerGroup, bandPixels, p.rowsPerGroup,
                            w, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup,
                            cols, colsAt + (long) g * p.rowsPerGroup * bandPixels, bandPixels,
                            biasPlanes == null ? 0.0 : 1.0,
                            y, p.outputAt(n, g, band, firstRow), p.pixels);
                }
            });
        });
    }

    /**
     * The adjoint of {@link #forward} in x, plus a bias: gx = col2im(Wᵀ · gY) + b; gy
     * [N, O, Ho, Wo] contiguous, b [C] or null, gx [N, C, H, W] written whole. This is the
     * transposed convolution.
     */
    static void adjoint(INDArray gy, INDArray w, INDArray b, ConvSpec s, INDArray gx) {
        int batch = (int) gy.size(0);
        Plan p = new Plan(s, gy.dataType(), batch, (int) gx.size(2), (int) gx.size(3), (int) gy.size(2), (int) gy.size(3));
        HostBuffer biasPlanes = biasPlanes(p.type, b, p.channels, p.index.planeSize());
        p.forEachSample(batch, biasPlanes, (worker, n) -> {
            long imageAt = (long) n * p.imageLength;
            if (p.index.identity) {
                if (biasPlanes != null) {
                    biasPlanes.store(gx, imageAt);
                }
                for (int g = 0; g < p.groups; g++) {
                    Blas.gemm(true, false, p.rowsPerGroup, p.pixels, p.outsPerGroup,
                            w, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup,
                            gy, p.outputAt(n, g, p.index, 0), p.pixels,
                            biasPlanes == null ? 0.0 : 1.0, gx, imageAt + (long) g * p.rowsPerGroup * p.pixels, p.pixels);
                }
                return;
            }
            if (biasPlanes != null) {
                worker.image.copyRows(biasPlanes, 0, 0, 0, 0, 1, p.imageLength);
            } else {
                worker.image.clear();
            }
            int firstRow = 0;
            for (PatchIndex band : p.bands) {
                int bandPixels = band.pixels();
                for (int g = 0; g < p.groups; g++) {
                    Blas.gemm(true, false, p.rowsPerGroup, bandPixels, p.outsPerGroup,
                            w, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup,
                            gy, p.outputAt(n, g, band, firstRow), p.pixels,
                            0.0, worker.cols, (long) g * p.rowsPerGroup * bandPixels, bandPixels);
                }
                worker.colsHost.load(worker.cols, 0, p.rows() * bandPixels);
                worker.image.col2im(worker.colsHost, p.channels, band, bandPixels, 0);
                firstRow += band.outH;
            }
            worker.image.store(gx, imageAt);
        });
    }

    /**
     * gW [O, C/g, kH, kW] = Σ_n gY_n · X_nᵀ per group. Each worker sums its own samples in batch
     * order; the workers' sums are then added in worker order, so the result depends on the
     * thread count but not on timing.
     */
    static INDArray weightGrad(INDArray x, INDArray gy, ConvSpec s) {
        int batch = (int) x.size(0);
        Plan p = new Plan(s, x.dataType(), batch, (int) x.size(2), (int) x.size(3), (int) gy.size(2), (int) gy.size(3));
        INDArray[] partial = new INDArray[p.workers.length];
        for (int i = 0; i < partial.length; i++) {
            partial[i] = Nd4j.zeros(p.type, s.weightShape());
        }
        p.forEachSample(batch, null, (worker, n) -> {
            INDArray gw = partial[worker.id];
            p.forEachBand(worker, x, n, (band, firstRow, cols, colsAt) -> {
                int bandPixels = band.pixels();
                for (int g = 0; g < p.groups; g++) {
                    Blas.gemm(false, true, p.outsPerGroup, p.rowsPerGroup, bandPixels,
                            gy, p.outputAt(n, g, band, firstRow), p.pixels,
                            cols, colsAt + (long) g * p.rowsPerGroup * bandPixels, bandPixels,
                            1.0, gw, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup);
                }
            });
        });
        INDArray sum = partial[0];
        for (int i = 1; i < partial.length; i++) {
            sum.addi(partial[i]);
            NativeMemory.free(partial[i]);
        }
        return sum;
    }

    /** b broadcast over planes of {@code planeSize} elements, or null without a bias. */
    private static HostBuffer biasPlanes(DataType type, INDArray b, int channels, int planeSize) {
        if (b == null) {
            return null;
        }
        HostBuffer planes = Scratch.host(type, channels * planeSize);
        planes.fillPlanes(HostBuffer.values(b), planeSize);
        return planes;
    }
}
