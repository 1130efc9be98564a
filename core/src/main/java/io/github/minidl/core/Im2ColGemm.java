package io.github.minidl.core;

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
 */
final class Im2ColGemm {
    private Im2ColGemm() {
    }

    /** Shapes shared by the workers of one call. */
    private static final class Plan {
        final PatchIndex index;
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
            Blas.useOneThread();
            workers = new Worker[Threads.workersFor(batch)];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this, i);
            }
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

        /** Builds sample n's im2col matrix in the worker's off-heap buffer. */
        void im2col(Worker w, INDArray x, int n) {
            w.image.load(x, (long) n * imageLength);
            w.colsHost.im2col(w.image, channels, index, pixels, 0);
            w.colsHost.store(w.cols, 0);
        }
    }

    /** What one worker does with sample n. */
    private interface SampleBody {
        void run(Worker worker, int n);
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
            colsHost = needsCols ? Scratch.host(p.type, p.rows() * p.pixels) : null;
            cols = needsCols ? Scratch.matrix(p.type, p.rows(), p.pixels) : null;
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
        long outLength = (long) p.outs * p.pixels;
        p.forEachSample(batch, biasPlanes, (worker, n) -> {
            INDArray cols = x;
            long colsAt = (long) n * p.imageLength;
            if (!p.index.identity) {
                p.im2col(worker, x, n);
                cols = worker.cols;
                colsAt = 0;
            }
            if (biasPlanes != null) {
                biasPlanes.store(y, n * outLength);
            }
            for (int g = 0; g < p.groups; g++) {
                Blas.gemm(false, false, p.outsPerGroup, p.pixels, p.rowsPerGroup,
                        w, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup,
                        cols, colsAt + (long) g * p.rowsPerGroup * p.pixels, p.pixels,
                        biasPlanes == null ? 0.0 : 1.0,
                        y, n * outLength + (long) g * p.outsPerGroup * p.pixels, p.pixels);
            }
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
        long outLength = (long) p.outs * p.pixels;
        p.forEachSample(batch, biasPlanes, (worker, n) -> {
            INDArray cols = p.index.identity ? gx : worker.cols;
            long colsAt = p.index.identity ? (long) n * p.imageLength : 0;
            if (p.index.identity && biasPlanes != null) {
                biasPlanes.store(gx, colsAt);
            }
            double beta = p.index.identity && biasPlanes != null ? 1.0 : 0.0;
            for (int g = 0; g < p.groups; g++) {
                Blas.gemm(true, false, p.rowsPerGroup, p.pixels, p.outsPerGroup,
                        w, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup,
                        gy, n * outLength + (long) g * p.outsPerGroup * p.pixels, p.pixels,
                        beta, cols, colsAt + (long) g * p.rowsPerGroup * p.pixels, p.pixels);
            }
            if (!p.index.identity) {
                worker.colsHost.load(worker.cols, 0);
                if (biasPlanes != null) {
                    worker.image.copyRows(biasPlanes, 0, 0, 0, 0, 1, p.imageLength);
                } else {
                    worker.image.clear();
                }
                worker.image.col2im(worker.colsHost, p.channels, p.index, p.pixels, 0);
                worker.image.store(gx, (long) n * p.imageLength);
            }
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
        long outLength = (long) p.outs * p.pixels;
        p.forEachSample(batch, null, (worker, n) -> {
            INDArray cols = x;
            long colsAt = (long) n * p.imageLength;
            if (!p.index.identity) {
                p.im2col(worker, x, n);
                cols = worker.cols;
                colsAt = 0;
            }
            INDArray gw = partial[worker.id];
            for (int g = 0; g < p.groups; g++) {
                Blas.gemm(false, true, p.outsPerGroup, p.rowsPerGroup, p.pixels,
                        gy, n * outLength + (long) g * p.outsPerGroup * p.pixels, p.pixels,
                        cols, colsAt + (long) g * p.rowsPerGroup * p.pixels, p.pixels,
                        1.0, gw, (long) g * p.outsPerGroup * p.rowsPerGroup, p.rowsPerGroup);
            }
        });
        INDArray sum = partial[0];
        for (int i = 1; i < partial.length; i++) {
            sum.addi(partial[i]);
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
