package io.github.minidl.examples.bench;

import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.ConvEngines;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH suite of the benchmark configurations (see BENCHMARKS.md): minidl's forward and forward +
 * backward on each engine, and ND4J's built-in op where it has one. Run on demand, never inside the build:
 * {@code java -cp <examples classpath> org.openjdk.jmh.Main ConvBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConvBenchmark {
    @Param({"S1", "G1", "D1", "P1", "DL1", "T1", "L1"})
    public String config;

    /** The engine under minidl's float32 convolutions; each value runs in its own fork. */
    @Param({"own", "onednn"})
    public String engine;

    private ConvCase c;
    private Tensor x;
    private Tensor w;
    private Tensor b;
    private INDArray gy;
    private Nd4jBuiltin peer;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty(ConvEngines.PROPERTY, engine);
        if (!ConvEngines.current().name().equals(engine)) {
            throw new IllegalStateException("engine " + ConvEngines.current().name() + " was chosen before " + engine
                    + " was asked for: run with forks (-f 1), one JVM per engine");
        }
        c = ConvCase.standard().stream().filter(k -> k.id().equals(config)).findFirst().orElseThrow();
        ConvSpec s = c.spec();
        int[] out = c.outputSize();
        Nd4j.getRandom().setSeed(42);
        x = Tensor.of(Nd4j.randn(DataType.FLOAT, c.batch(), s.inChannels(), c.height(), c.width())).requiresGrad(true);
        w = Tensor.of(Nd4j.randn(DataType.FLOAT, c.weightShape()).muli(0.1))
                .requiresGrad(true);
        b = Tensor.of(Nd4j.randn(DataType.FLOAT, s.outChannels())).requiresGrad(true);
        gy = Nd4j.randn(DataType.FLOAT, c.batch(), s.outChannels(), out[0], out[1]);
        peer = Nd4jBuiltin.supports(c) ? new Nd4jBuiltin(c, x.data(), w.data(), b.data(), gy) : null;
    }

    /** Each call runs in a MemoryScope, as a training step does; see BENCHMARKS.md. */
    @Benchmark
    public long minidlForward() {
        try (var noGrad = Tensor.noGrad(); var scope = MemoryScope.open()) {
            return c.apply(x, w, b).data().length();
        }
    }

    @Benchmark
    public Tensor minidlForwardBackward() {
        // Frees the last call's gradients now (see ConvBench), as PyTorch's x.grad = None does.
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();
        try (var scope = MemoryScope.open()) {
            c.apply(x, w, b).backward(gy);
        }
        return w.grad();
    }

    @Benchmark
    public INDArray nd4jForward() {
        return runPeer(Nd4jBuiltin::forward);
    }

    @Benchmark
    public INDArray nd4jForwardBackward() {
        return runPeer(Nd4jBuiltin::forwardBackward);
    }

    /** Runs one step of ND4J's op and returns its output; null where ND4J has no such op. */
    private INDArray runPeer(Consumer<Nd4jBuiltin> step) {
        if (peer == null) {
            return null;
        }
        step.accept(peer);
        return peer.output();
    }
}
