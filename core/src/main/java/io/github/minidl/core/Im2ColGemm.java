package io.github.minidl.core;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three pieces every convolution is built from, for a convolution spec s with weight
 * {@code W [O, C/g·kH·kW]} and the im2col matrix {@code X [C·kH·kW, pixels]} of a chunk of samples:
 * <ul>
 *   <li>forward: {@code Y = W · X}, the convolution;</li>
 *   <li>adjoint: {@code gX = Wᵀ · gY}, then col2im adds gX back onto the image: the transposed
 *       convolution, which is also the input gradient of the forward map;</li>
 *   <li>weight gradient: {@code gW = gY · Xᵀ}.</li>
 * </ul>
 * Each group is one GEMM over contiguous row blocks. Samples are processed in chunks laid side by
 * side in X, so that one GEMM covers many output pixels (a GEMM per sample is too small to keep
 * both cores busy); im2col, col2im and the copies of each chunk run in parallel over
 * {@link Threads}, the GEMMs on BLAS's own threads.
 */
final class Im2ColGemm {
    /** Bytes of im2col matrix per chunk: large enough for efficient GEMMs, small enough for cache. */
    private static final long CHUNK_BYTES = 8L << 20;
    private static final int MAX_CHUNK = 32;

    private Im2ColGemm() {
    }

    /** Shapes, chunk matrices (off-heap for GEMM, on the heap for the loops) and per-worker scratch. */
    private static final class Plan {
        final PatchIndex index;
        final ConvSpec spec;
        final int channels;
        final int outs;
        final int rows;
        final int pixels;
        final int chunk;
        INDArray cols;
        INDArray out;
        final HostBuffer colsHost;
        final HostBuffer outHost;
        final Worker[] workers;

        Plan(ConvSpec s, DataType type, int batch, int inH, int inW, int outH, int outW) {
            spec = s;
            index = PatchIndex.of(s, inH, inW, outH, outW);
            channels = s.inChannels();
            outs = s.outChannels();
            rows = channels * index.taps;
            pixels = index.pixels();
            long bytesPerSample = (long) pixels * rows * type.width();
            chunk = (int) Math.max(1, Math.min(Math.min(batch, MAX_CHUNK), CHUNK_BYTES / bytesPerSample));
            cols = Scratch.matrix(type, rows, (long) chunk * pixels);
            out = Scratch.matrix(type, outs, (long) chunk * pixels);
            colsHost = Scratch.host(type, Math.toIntExact((long) rows * chunk * pixels));
            outHost = Scratch.host(type, Math.toIntExact((long) outs * chunk * pixels));
            workers = new Worker[Threads.workersFor(chunk)];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(type, this);
            }
        }

        /** Hands every buffer back for the next call. */
        void release() {
            Scratch.release(cols, out, colsHost, outHost);
            for (Worker w : workers) {
                Scratch.release(w.image, w.planes);
            }
        }

        /**
         * Sizes the off-heap chunk matrices for {@code samples} samples; only a shorter last chunk
         * reallocates, because GEMM needs contiguous operands.
         */
        void resize(int samples) {
            if (cols.size(1) != (long) samples * pixels) {
                Scratch.release(cols, out);
                cols = Scratch.matrix(cols.dataType(), rows, (long) samples * pixels);
                out = Scratch.matrix(out.dataType(), outs, (long) samples * pixels);
            }
        }

        /** What a kernel does with one chunk: samples [first, first + samples), width = samples·P columns. */
        interface ChunkBody {
            void run(int first, int samples, int width);
        }

        /** What one worker does with sample i of the current chunk. */
        interface SampleBody {
            void run(Worker worker, int i);
        }

        /** Runs {@code body} over the batch chunk by chunk, then hands the buffers back. */
        void forEachChunk(int batch, ChunkBody body) {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int samples = Math.min(chunk, batch - n0);
                resize(samples);
                body.run(n0, samples, samples * pixels);
            }
            release();
        }

        /** Runs {@code body} for each sample of a chunk, split over the workers. */
        void forEachSample(int samples, SampleBody body) {
            Threads.forRange(samples, (worker, from, to) -> {
                for (int i = from; i < to; i++) {
                    body.run(workers[worker], i);
                }
            });
        }

        /** Rows of group g of an [rows, samples·P] chunk matrix. */
        INDArray block(INDArray m, int g) {
            long perGroup = m.size(0) / spec.groups();
            return m.get(interval(g * perGroup, (g + 1) * perGroup), all());
        }

        INDArray weightOf(INDArray w2d, int g) {
            long perGroup = outs / spec.groups();
            return w2d.get(interval(g * perGroup, (g + 1) * perGroup), all());
        }
    }

    /** One worker's host buffers: an image and one output in NCHW. */
    private static final class Worker {
        final HostBuffer image;
        final HostBuffer planes;

        Worker(DataType type, Plan p) {
            image = Scratch.host(type, p.channels * p.index.planeSize());
            planes = Scratch.host(type, p.outs * p.pixels);
        }
    }

    private static INDArray flat(INDArray w) {
        return w.reshape('c', w.size(0), w.length() / w.size(0));
    }

    /** y = conv(x, w) without bias; x [N, C, H, W] contiguous, y [N, O, Ho, Wo] written whole. */
    static void forward(INDArray x, INDArray w, ConvSpec s, INDArray y) {
        Plan p = new Plan(s, x.dataType(), (int) x.size(0), (int) x.size(2), (int) x.size(3), (int) y.size(2), (int) y.size(3));
        INDArray w2d = flat(w);
        p.forEachChunk((int) x.size(0), (first, samples, width) -> {
            p.forEachSample(samples, (sc, i) -> {
                sc.image.load(x, (long) (first + i) * sc.image.length);
                p.colsHost.im2col(sc.image, p.channels, p.index, width, i * p.pixels);
            });
            p.colsHost.storeRange(p.cols, 0, 0, p.rows * width);
            for (int g = 0; g < s.groups(); g++) {
                Nd4j.gemm(p.weightOf(w2d, g), p.block(p.cols, g), p.block(p.out, g), false, false, 1.0, 0.0);
            }
            p.outHost.loadRange(p.out, 0, 0, p.outs * width);
            p.forEachSample(samples, (sc, i) -> {
                sc.planes.copyRows(p.outHost, i * p.pixels, width, 0, p.pixels, p.outs, p.pixels);
                sc.planes.store(y, (long) (first + i) * sc.planes.length);
            });
        });
    }

    /**
     * The adjoint of {@link #forward} in x: gx = col2im(Wᵀ · gY); gy [N, O, Ho, Wo] contiguous,
     * gx [N, C, H, W] written whole. This is the transposed convolution.
     */
    static void adjoint(INDArray gy, INDArray w, ConvSpec s, INDArray gx) {
        Plan p = new Plan(s, gy.dataType(), (int) gy.size(0), (int) gx.size(2), (int) gx.size(3), (int) gy.size(2), (int) gy.size(3));
        INDArray w2d = flat(w);
        p.forEachChunk((int) gy.size(0), (first, samples, width) -> {
            p.forEachSample(samples, (sc, i) -> {
                sc.planes.load(gy, (long) (first + i) * sc.planes.length);
                p.outHost.copyRows(sc.planes, 0, p.pixels, i * p.pixels, width, p.outs, p.pixels);
            });
            p.outHost.storeRange(p.out, 0, 0, p.outs * width);
            for (int g = 0; g < s.groups(); g++) {
                Nd4j.gemm(p.weightOf(w2d, g), p.block(p.out, g), p.block(p.cols, g), true, false, 1.0, 0.0);
            }
            p.colsHost.loadRange(p.cols, 0, 0, p.rows * width);
            p.forEachSample(samples, (sc, i) -> {
                sc.image.clear();
                sc.image.col2im(p.colsHost, p.channels, p.index, width, i * p.pixels);
                sc.image.store(gx, (long) (first + i) * sc.image.length);
            });
        });
    }

    /** gW [O, C/g, kH, kW] = gY · Xᵀ per group, accumulated over chunks in batch order. */
    static INDArray weightGrad(INDArray x, INDArray gy, ConvSpec s) {
        Plan p = new Plan(s, x.dataType(), (int) x.size(0), (int) x.size(2), (int) x.size(3), (int) gy.size(2), (int) gy.size(3));
        INDArray gw = Nd4j.zeros(x.dataType(), s.weightShape());
        INDArray gw2d = flat(gw);
        p.forEachChunk((int) x.size(0), (first, samples, width) -> {
            p.forEachSample(samples, (sc, i) -> {
                sc.image.load(x, (long) (first + i) * sc.image.length);
                p.colsHost.im2col(sc.image, p.channels, p.index, width, i * p.pixels);
                sc.planes.load(gy, (long) (first + i) * sc.planes.length);
                p.outHost.copyRows(sc.planes, 0, p.pixels, i * p.pixels, width, p.outs, p.pixels);
            });
            p.colsHost.storeRange(p.cols, 0, 0, p.rows * width);
            p.outHost.storeRange(p.out, 0, 0, p.outs * width);
            for (int g = 0; g < s.groups(); g++) {
                Nd4j.gemm(p.block(p.out, g), p.block(p.cols, g), p.weightOf(gw2d, g), false, true, 1.0, 1.0);
            }
        });
        return gw;
    }
}
