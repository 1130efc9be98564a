package io.github.minidl.core.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's update of one parameter in one pass over its arrays, split over the workers, instead of
 * thirteen elementwise libnd4j passes with four parameter-sized temporaries. Every operation is
 * rounded to the parameter's type exactly as the elementwise op would round it, so the results
 * are those of the elementwise sequence bit for bit: a float32 +, ×, / or √ computed in float64
 * and rounded once is the float32 result (53 ≥ 2·24 + 2 bits), and a scalar is rounded to the
 * type first, as libnd4j's scalar ops do.
 */
public final class AdamUpdate {
    /** Elements per block: five blocks of doubles stay in a core's L2 cache. */
    private static final int BLOCK = 4096;
    private static final ThreadLocal<double[][]> WORK = ThreadLocal.withInitial(() -> new double[5][BLOCK]);

    /**
     * The constants of one step.
     *
     * @param lrOverBc1 lr / (1 - beta1^t)
     * @param bc2Sqrt   sqrt(1 - beta2^t)
     */
    public record Coefficients(double beta1, double beta2, double eps, double lrOverBc1, double bc2Sqrt) {
    }

    private AdamUpdate() {
    }

    /**
     * {@code m ← m·β1 + g·(1 - β1)}, {@code v ← v·β2 + (g·g)·(1 - β2)}, with amsgrad
     * {@code max ← max(max, v)} taking v's place below, then
     * {@code p ← p - (m / (√v / bc2Sqrt + eps))·lrOverBc1}; p, m, v and max in place.
     *
     * @param max the running maximum of v (amsgrad), or null
     */
    public static void update(INDArray p, INDArray g, INDArray m, INDArray v, INDArray max, Coefficients s) {
        INDArray[] arrays = {p, g, m, v, max};
        for (INDArray a : arrays) {
            if (a != null && (a.dataType() != p.dataType() || a.length() != p.length() || !p.dataType().isFPType())) {
                throw new IllegalArgumentException("Adam's arrays must share one float type and length; got "
                        + a.dataType() + " " + Arrays.toString(a.shape()) + " for a parameter of " + p.dataType() + " "
                        + Arrays.toString(p.shape()));
            }
        }
        INDArray[] plain = ConvKernels.contiguous(arrays);
        boolean single = p.dataType() == DataType.FLOAT;
        double b1 = round(s.beta1(), single);
        double c1 = round(1 - s.beta1(), single);
        double b2 = round(s.beta2(), single);
        double c2 = round(1 - s.beta2(), single);
        double eps = round(s.eps(), single);
        double stepSize = round(s.lrOverBc1(), single);
        double bc2 = round(s.bc2Sqrt(), single);
        int n = Math.toIntExact(p.length());
        int count = max == null ? 4 : 5;
        Threads.forRange((n + BLOCK - 1) / BLOCK, (worker, fromBlock, toBlock) -> {
            double[][] w = WORK.get();
            HostBuffer[] host = new HostBuffer[count];
            for (int k = 0; k < count; k++) {
                host[k] = Scratch.host(p.dataType(), BLOCK);
            }
            for (int block = fromBlock; block < toBlock; block++) {
                long start = (long) block * BLOCK;
                int len = (int) Math.min(BLOCK, n - start);
                for (int k = 0; k < count; k++) {
                    host[k].load(plain[k], start, len);
                    host[k].getAll(w[k], len);
                }
                double[] pw = w[0];
                double[] gw = w[1];
                double[] mw = w[2];
                double[] vw = w[3];
                double[] maxw = w[4];
                for (int i = 0; i < len; i++) {
                    double gi = gw[i];
                    double mi = round(round(mw[i] * b1, single) + round(gi * c1, single), single);
                    double vi = round(round(vw[i] * b2, single) + round(round(gi * gi, single) * c2, single), single);
                    mw[i] = mi;
                    vw[i] = vi;
                    double second = vi;
                    if (count == 5) {
                        // libnd4j's max: the first operand unless the second is larger.
                        second = maxw[i] > vi ? maxw[i] : vi;
                        maxw[i] = second;
                    }
                    double denom = round(round(round(Math.sqrt(second), single) / bc2, single) + eps, single);
                    pw[i] = round(pw[i] - round(round(mi / denom, single) * stepSize, single), single);
                }
                for (int k = 0; k < count; k++) {
                    if (k != 1) {
                        host[k].setAll(w[k], len);
                        host[k].store(plain[k], start, len);
                    }
                }
            }
            Scratch.release((Object[]) host);
        });
        for (int k = 0; k < count; k++) {
            if (k != 1 && plain[k] != arrays[k]) {
                arrays[k].assign(plain[k]);
            }
        }
        ConvKernels.freeCopies(plain, arrays);
    }

    private static double round(double x, boolean single) {
        return single ? (float) x : x;
    }
}
