package io.github.minidl.layers;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.testing.RandomArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One module, forward and backward from four threads at once: every backward's gradient must
 * land in the parameters' sums, as if the threads had run one after the other.
 */
class ModuleConcurrencyTest {
    private static final int THREADS = 4;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentBackwardsAccumulateEveryGradient() throws Exception {
        Init.manualSeed(5);
        Module model = new Sequential(new Linear(64, 64), new ReLU(), new Linear(64, 64)).to(DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(6);
        INDArray[] inputs = new INDArray[THREADS];
        for (int t = 0; t < THREADS; t++) {
            inputs[t] = RandomArrays.randn(rng, 1, 64);
        }
        // The sums as sequential backwards give them.
        model.zeroGrad();
        for (INDArray x : inputs) {
            model.forward(Tensor.of(x)).sum().backward();
        }
        List<INDArray> expected = new ArrayList<>();
        model.parameters().forEach(p -> expected.add(p.grad().data().dup()));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 100; round++) {
                model.zeroGrad();
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> done = new ArrayList<>();
                for (INDArray x : inputs) {
                    done.add(pool.submit(() -> {
                        start.await();
                        model.forward(Tensor.of(x)).sum().backward();
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                List<Parameter> ps = model.parameters();
                for (int i = 0; i < ps.size(); i++) {
                    assertAllClose(expected.get(i), ps.get(i).grad().data(), 1e-12, "round " + round + ", parameter " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
