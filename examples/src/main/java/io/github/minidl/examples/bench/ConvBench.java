package io.github.minidl.examples.bench;

import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.Threads;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one {@link ConvCase} for minidl (through the public {@link F} API, with autograd) and
 * for ND4J's built-in op, side by side in the same JVM, on the same float32 data.
 */
public final class ConvBench {
    private static final Logger log = LoggerFactory.getLogger(ConvBench.class);

    private ConvBench() {
    }

    /**
     * Times of one configuration; the peer's are NaN where ND4J has no such op or its op failed,
     * and {@code peerError} then says why its op failed (null otherwise).
     */
    public record ConvTimes(ConvCase config, Timing.Stats forward, Timing.Stats forwardBackward,
                         double peerForwardMs, double peerForwardBackwardMs, double maxDifference, String peerError) {
        /** GFLOP/s of minidl's forward plus backward. */
        public double gflops() {
            return config.forwardBackwardFlops() / forwardBackward.medianMs() / 1e6;
        }
    }

    /** Runs the configuration; {@code withPeer} also times ND4J's built-in op. */
    public static ConvTimes run(ConvCase c, Timing.Warmup warmup, int reps, boolean withPeer) {
        SplittableRandom rng = new SplittableRandom(42);
        ConvSpec s = c.spec();
        int[] out = c.outputSize();
        long[] wShape = c.weightShape();
        INDArray x = randn(rng, c.batch(), s.inChannels(), c.height(), c.width());
        INDArray w = randn(rng, wShape).muli(0.1);
        INDArray b = randn(rng, s.outChannels());
        INDArray gy = randn(rng, c.batch(), s.outChannels(), out[0], out[1]);

        Tensor xt = Tensor.of(x).requiresGrad(true);
        Tensor wt = Tensor.of(w).requiresGrad(true);
        Tensor bt = Tensor.of(b).requiresGrad(true);
        // Each repetition runs in a MemoryScope, as a training step does, so it reuses the memory
        // the previous one freed rather than waiting for the garbage collector.
        Runnable forward = () -> {
            try (var noGrad = Tensor.noGrad(); var scope = MemoryScope.open()) {
                c.apply(xt, wt, bt);
            }
        };
        // zeroGrad frees the last repetition's gradients now, as PyTorch's x.grad = None does;
        // left to the garbage collector, each repetition would write its input gradient into
        // fresh pages (D1: 1,900 page faults and 3 ms a repetition).
        Runnable forwardBackward = () -> {
            xt.zeroGrad();
            wt.zeroGrad();
            bt.zeroGrad();
            try (var scope = MemoryScope.open()) {
                c.apply(xt, wt, bt).backward(gy);
            }
        };
        Timing.Stats fwd = Timing.measure(forward, warmup, reps);
        Timing.Stats fwdBwd = Timing.measure(forwardBackward, warmup, reps);

        double peerFwd = Double.NaN;
        double peerFwdBwd = Double.NaN;
        double difference = Double.NaN;
        String peerError = null;
        if (withPeer && Nd4jBuiltin.supports(c)) {
            Nd4jBuiltin peer = new Nd4jBuiltin(c, x, w, b, gy);
            giveBlasAllThreads();
            try {
                peerFwd = Timing.measure(peer::forward, warmup, reps).medianMs();
                peerFwdBwd = Timing.measure(peer::forwardBackward, warmup, reps).medianMs();
                INDArray ours;
                try (var noGrad = Tensor.noGrad()) {
                    ours = c.apply(xt, wt, bt).data();
                }
                difference = ours.sub(peer.output()).amaxNumber().doubleValue();
            } catch (RuntimeException e) {
                // Some native builds reject configurations others run (oneDNN's, dilated
                // convolutions): the table says so instead of losing the other rows.
                log.warn("ND4J's {} failed on {}: {}", peer.opName(), c.id(), e.getMessage());
                peerFwd = Double.NaN;
                peerFwdBwd = Double.NaN;
                peerError = peer.opName() + " failed: " + e.getMessage();
            }
        }
        return new ConvTimes(c, fwd, fwdBwd, peerFwd, peerFwdBwd, difference, peerError);
    }

    /**
     * ND4J's ops rely on a multi-threaded BLAS, while minidl's kernels put OpenBLAS at one thread
     * and use their own workers; the peers get as many BLAS threads as minidl has workers.
     */
    private static void giveBlasAllThreads() {
        Nd4j.factory().blas().setMaxThreads(Threads.count());
    }

    /**
     * The GEMM ceiling: the best float32 {@code Nd4j.gemm} rate over square sizes 1024 and 2048,
     * in GFLOP/s (median of a few runs each).
     */
    public static double gemmCeiling(int reps) {
        double best = 0;
        giveBlasAllThreads();
        for (int n : new int[] {1024, 2048}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray bm = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray cm = Nd4j.create(DataType.FLOAT, n, n);
            double ms = Timing.measure(() -> Nd4j.gemm(a, bm, cm, false, false, 1.0, 0.0), Timing.Warmup.runs(2), reps)
                    .medianMs();
            best = Math.max(best, 2.0 * n * n * n / ms / 1e6);
        }
        return best;
    }

    private static INDArray randn(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }
}
