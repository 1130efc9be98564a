package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.BatchNormGrads;
import io.github.minidl.core.kernels.BatchNormOutputs;
import io.github.minidl.core.kernels.ConvEngine;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.core.kernels.WeightBiasGrads;
import io.github.minidl.core.onednn.OneDnnConv.Key;
import io.github.minidl.core.onednn.OneDnnConv.Kind;
import io.github.minidl.core.pooling.PairMaxPoolArrays;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.WeakHashMap;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * float32 convolutions on oneDNN's CPU engine: convolution forward and backward-weights, and
 * deconvolution (minidl's transposed convolution) forward and backward-weights, with groups,
 * dilation and per-axis padding ({@link OneDnnConv}). 2×2 max pooling runs on oneDNN's pooling with
 * a workspace of winning taps ({@link OneDnnPool}), dense layers' products on its matmul
 * ({@link OneDnnMatMul}), batch normalization and relu's gradient on its own primitives.
 *
 * <p>Primitives are cached per geometry (kind, spec, shapes), so the steps of a training run
 * re-use the ones the first step built. A convolution that reorders into blocked layouts runs its
 * batch in chunks, so that each blocked copy is still in cache when the next pass reads it
 * ({@link OneDnnPrimitive}). A geometry oneDNN has no implementation for runs on the fallback
 * engine. oneDNN's OpenMP threads follow {@link Threads#count()}: this build of oneDNN uses the
 * libgomp that ND4J loaded, whose thread count ND4J sets per calling thread.
 */
public final class OneDnnEngine implements ConvEngine {
    private static final Logger log = LoggerFactory.getLogger(OneDnnEngine.class);
    /**
     * The default bound on a batch chunk's largest activation: about what the reorder, the kernel
     * and the reorder back keep in this machine's caches (D1 fwd+bwd 7.7 → 5.9 ms; BENCHMARKS.md).
     */
    static final long CHUNK_BYTES = 2L << 20;
    private final dnnl_engine engine;
    private final dnnl_stream stream;
    private final ConvEngine fallback;
    private final NativeOps nativeOps;
    /** The largest activation a convolution's batch chunk may hold (see {@link OneDnnConv#chunkCount}). */
    private final long chunkBytes;
    /** Empty value: oneDNN cannot do this geometry; the fallback engine does it. */
    private final Map<Key, Optional<OneDnnPrimitive>> primitives = new HashMap<>();
    private final Map<OneDnnPool.Key, Optional<OneDnnPool>> pools = new HashMap<>();
    private final Map<OneDnnBatchNorm.Key, Optional<OneDnnBatchNorm>> batchNorms = new HashMap<>();
    private final Map<OneDnnMatMul.Key, Optional<OneDnnPrimitive>> products = new HashMap<>();
    /**
     * Blocked copies of input arrays, by sharing scope token and the array's buffer; a scope's
     * entries go when its token is collected.
     */
    private final Map<Object, Map<DataBuffer, SharedCopy>> copies = new WeakHashMap<>();
    private long sharedCopiesUsed;
    /** By array length. */
    private final Map<Long, Optional<OneDnnReluGrad>> reluGrads = new HashMap<>();
    /** The 0 that relu's gradient compares y with, as oneDNN's broadcast second operand. */
    private final INDArray zero = Nd4j.zeros(DataType.FLOAT, 1);

    /** Input {@code arg} of {@code owner}'s run number {@code ownerRuns} holds the array at {@code offset}, blocked. */
    private record SharedCopy(long offset, OneDnnPrimitive owner, int arg, long ownerRuns) {
    }

    private OneDnnEngine(dnnl_engine engine, dnnl_stream stream, ConvEngine fallback, NativeOps nativeOps,
                         long chunkBytes) {
        this.engine = engine;
        this.chunkBytes = chunkBytes;
        this.stream = stream;
        this.fallback = fallback;
        this.nativeOps = nativeOps;
    }

    /**
     * Loads oneDNN's natives and creates its CPU engine.
     *
     * @param fallback runs the geometries oneDNN has no implementation for
     * @throws LinkageError or IllegalStateException when oneDNN cannot run on this machine
     */
    public static OneDnnEngine load(ConvEngine fallback) {
        return load(fallback, CHUNK_BYTES);
    }

    /**
     * {@link #load(ConvEngine)} with convolutions run in batch chunks whose largest activation
     * holds at most {@code chunkBytes} (a chunk holds at least one sample; see
     * {@code OneDnnConv.chunkCount}); {@link #load(ConvEngine)} uses 2 MiB.
     *
     * @throws IllegalArgumentException if chunkBytes is not positive
     */
    public static OneDnnEngine load(ConvEngine fallback, long chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunkBytes = " + chunkBytes + " must be positive");
        }
        // ND4J's natives first, so that oneDNN binds to the OpenMP runtime ND4J already loaded;
        // NativeOpsHolder before ND4J's backend is up would break ND4J itself.
        Nd4j.getExecutioner();
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Loader.load(dnnl.class);
        dnnl_engine engine = new dnnl_engine();
        OneDnnPrimitive.check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine_create");
        dnnl_stream stream = new dnnl_stream();
        OneDnnPrimitive.check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream_create");
        dnnl_version_t v = dnnl_version();
        log.debug("oneDNN {}.{}.{} (CPU runtime {}) loaded", v.major(), v.minor(), v.patch(), v.cpu_runtime());
        return new OneDnnEngine(engine, stream, fallback, nativeOps, chunkBytes);
    }

    @Override
    public String name() {
        return "onednn";
    }

    @Override
    public synchronized void conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y) {
        if (!forward(Kind.CONV_FORWARD, x, w, b, spec, y)) {
            fallback.conv2d(x, w, b, spec, y);
        }
    }

    @Override
    public synchronized void convTranspose2d(INDArray x, INDArray w, INDArray b, TransposedConvSpec spec, INDArray y) {
        if (!forward(Kind.DECONV_FORWARD, x, w, b, spec.adjoint(), y)) {
            fallback.convTranspose2d(x, w, b, spec, y);
        }
    }

    @Override
    public synchronized INDArray conv2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec) {
        WeightBiasGrads g = weightGrad(Kind.CONV_WEIGHTS, x, gy, spec, spec.weightShape(), false);
        return g != null ? g.weight() : fallback.conv2dWeightGrad(x, gy, spec);
    }

    @Override
    public synchronized INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        WeightBiasGrads g = weightGrad(Kind.DECONV_WEIGHTS, x, gy, spec.adjoint(), spec.weightShape(), false);
        return g != null ? g.weight() : fallback.convTranspose2dWeightGrad(x, gy, spec);
    }

    @Override
    public synchronized WeightBiasGrads conv2dWeightBiasGrad(INDArray x, INDArray gy, ConvSpec spec) {
        WeightBiasGrads g = weightGrad(Kind.CONV_WEIGHTS, x, gy, spec, spec.weightShape(), true);
        return g != null ? g : fallback.conv2dWeightBiasGrad(x, gy, spec);
    }

    @Override
    public synchronized WeightBiasGrads convTranspose2dWeightBiasGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        WeightBiasGrads g = weightGrad(Kind.DECONV_WEIGHTS, x, gy, spec.adjoint(), spec.weightShape(), true);
        return g != null ? g : fallback.convTranspose2dWeightBiasGrad(x, gy, spec);
    }

    @Override
    public synchronized PairMaxPoolArrays maxPool2x2(INDArray x) {
        Optional<OneDnnPool> p = OneDnnPool.nonFinite(x) ? Optional.empty() : pool(x);
        if (p.isEmpty()) {
            return fallback.maxPool2x2(x);
        }
        INDArray y = NativeMemory.uninitialized(DataType.FLOAT, x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2);
        INDArray workspace = NativeMemory.uninitialized(DataType.UBYTE, p.get().workspaceBytes);
        run(p.get().forward, address(x), address(workspace), address(y));
        return new PairMaxPoolArrays(y, workspace);
    }

    @Override
    public synchronized INDArray maxPool2x2Backward(INDArray x, INDArray y, INDArray workspace, INDArray gy) {
        if (workspace == null) {
            // The forward ran on the fallback (an input with NaN or infinity, or no oneDNN pooling).
            return fallback.maxPool2x2Backward(x, y, null, gy);
        }
        OneDnnPool p = pool(x).orElseThrow();
        if (workspace.dataType() != DataType.UBYTE || workspace.length() != p.workspaceBytes) {
            throw new IllegalArgumentException("workspace " + workspace.dataType() + " of " + workspace.length()
                    + " elements is not the one oneDNN's maxPool2x2 made for input " + x.shapeInfoToString());
        }
        INDArray gx = NativeMemory.uninitialized(DataType.FLOAT, x.shape());
        run(p.backward, address(gy), address(workspace), address(gx));
        return gx;
    }

    @Override
    public synchronized INDArray reluBackward(INDArray y, INDArray gy) {
        Optional<OneDnnReluGrad> p = cached(reluGrads, y.length(), "relu gradient", OneDnnReluGrad::create,
                r -> r.primitive.implementation());
        if (p.isEmpty()) {
            return fallback.reluBackward(y, gy);
        }
        INDArray gx = NativeMemory.uninitialized(DataType.FLOAT, y.shape());
        run(p.get().primitive, address(y), address(zero), address(gy), address(gx));
        return gx;
    }

    @Override
    public synchronized boolean matmul(INDArray a, boolean transA, INDArray b, boolean transB, INDArray bias,
                                       INDArray c) {
        OneDnnMatMul.Key key = new OneDnnMatMul.Key(c.size(0), c.size(1), transA ? a.size(0) : a.size(1), transA,
                transB, bias != null);
        Optional<OneDnnPrimitive> p = cached(products, key, "matmul", OneDnnMatMul::create,
                OneDnnPrimitive::implementation);
        if (p.isEmpty()) {
            return false;
        }
        run(p.get(), addresses(a, b, bias, c));
        return true;
    }

    @Override
    public synchronized BatchNormOutputs batchNormTraining(INDArray x, INDArray weight, INDArray bias, double eps) {
        Optional<OneDnnBatchNorm> p = batchNorm(x, eps, weight != null, bias != null);
        if (p.isEmpty()) {
            return fallback.batchNormTraining(x, weight, bias, eps);
        }
        INDArray y = NativeMemory.uninitialized(DataType.FLOAT, x.shape());
        INDArray mean = NativeMemory.uninitialized(DataType.FLOAT, x.size(1));
        INDArray variance = NativeMemory.uninitialized(DataType.FLOAT, x.size(1));
        run(p.get().forward, addresses(x, weight, bias, mean, variance, y));
        return new BatchNormOutputs(y, mean, variance);
    }

    @Override
    public synchronized BatchNormGrads batchNormBackward(INDArray x, INDArray gy, BatchNormOutputs stats,
                                                        INDArray weight, INDArray bias, double eps) {
        Optional<OneDnnBatchNorm> p = batchNorm(x, eps, weight != null, bias != null);
        if (p.isEmpty()) {
            return fallback.batchNormBackward(x, gy, stats, weight, bias, eps);
        }
        INDArray gx = NativeMemory.uninitialized(DataType.FLOAT, x.shape());
        INDArray gWeight = weight == null ? null : NativeMemory.uninitialized(DataType.FLOAT, x.size(1));
        INDArray gBias = bias == null ? null : NativeMemory.uninitialized(DataType.FLOAT, x.size(1));
        run(p.get().backward, addresses(x, stats.mean(), stats.variance(), gy, weight, bias, gWeight, gBias, gx));
        return new BatchNormGrads(gx, gWeight, gBias);
    }

    private Optional<OneDnnBatchNorm> batchNorm(INDArray x, double eps, boolean weight, boolean bias) {
        OneDnnBatchNorm.Key key = new OneDnnBatchNorm.Key(x.size(0), x.size(1), (int) x.size(2), (int) x.size(3),
                (float) eps, weight, bias);
        return cached(batchNorms, key, "batch normalization", OneDnnBatchNorm::create, OneDnnBatchNorm::implementation);
    }

    /** The addresses of the arrays that are there, in order: absent (null) arguments are skipped. */
    private static long[] addresses(INDArray... arrays) {
        return Arrays.stream(arrays).filter(Objects::nonNull).mapToLong(OneDnnEngine::address)
                .toArray();
    }

    /** Runs a forward primitive; false when oneDNN has none for this geometry. */
    private boolean forward(Kind kind, INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y) {
        Optional<OneDnnPrimitive> p = primitive(kind, spec, x, y, b != null);
        if (p.isEmpty()) {
            return false;
        }
        if (b == null) {
            runSharing(p.get(), x, w, y);
        } else {
            runSharing(p.get(), x, w, b, y);
        }
        return true;
    }

    /**
     * Runs a weight-gradient primitive, with the bias gradient from the same pass when asked (its
     * bias is null otherwise); null when oneDNN has none for this geometry.
     */
    private WeightBiasGrads weightGrad(Kind kind, INDArray x, INDArray gy, ConvSpec spec, long[] shape, boolean bias) {
        Optional<OneDnnPrimitive> p = primitive(kind, spec, x, gy, bias);
        if (p.isEmpty()) {
            return null;
        }
        INDArray gw = NativeMemory.uninitialized(DataType.FLOAT, shape);
        if (!bias) {
            runSharing(p.get(), x, gy, gw);
            return new WeightBiasGrads(gw, null);
        }
        INDArray gb = NativeMemory.uninitialized(DataType.FLOAT, gy.size(1));
        runSharing(p.get(), x, gy, gb, gw);
        return new WeightBiasGrads(gw, gb);
    }

    private Optional<OneDnnPrimitive> primitive(Kind kind, ConvSpec spec, INDArray x, INDArray y, boolean bias) {
        Key key = new Key(kind, spec, x.size(0), (int) x.size(2), (int) x.size(3), (int) y.size(2),
                (int) y.size(3), bias);
        return cached(primitives, key, kind.toString(), (k, e) -> OneDnnConv.create(k, e, chunkBytes),
                p -> p.implementation() + (p.chunkCount() > 1 ? ", " + p.chunkCount() + " batch chunks" : ""));
    }

    private Optional<OneDnnPool> pool(INDArray x) {
        OneDnnPool.Key key = new OneDnnPool.Key(x.size(0), x.size(1), (int) x.size(2), (int) x.size(3));
        return cached(pools, key, "max pooling", OneDnnPool::create, OneDnnPool::implementation);
    }

    /**
     * The primitive cached under {@code key}, built on first use; empty, for good, where oneDNN has
     * none it runs well, and the caller falls back to another engine. Each choice is logged once.
     */
    private <K, P> Optional<P> cached(Map<K, Optional<P>> cache, K key, String what,
                                      BiFunction<K, dnnl_engine, P> create, Function<P, String> implementation) {
        return cache.computeIfAbsent(key, k -> {
            P p = create.apply(k, engine);
            log.debug("oneDNN {} for {}: {}", what, k,
                    p == null ? "none oneDNN runs well; the fallback computes it" : implementation.apply(p));
            return Optional.ofNullable(p);
        });
    }

    /**
     * Runs a convolution primitive on these arrays (in its argument order). Inside a
     * {@link ConvKernels#sharingConversions} scope an input reuses the blocked copy an earlier
     * primitive of the scope made of the same array, as long as that primitive has not run since.
     */
    private void runSharing(OneDnnPrimitive p, INDArray... arrays) {
        long[] addresses = Arrays.stream(arrays).mapToLong(OneDnnEngine::address).toArray();
        Object scope = ConvKernels.sharingScope();
        if (scope == null) {
            run(p, addresses);
            return;
        }
        Map<DataBuffer, SharedCopy> made = copies.computeIfAbsent(scope, k -> new IdentityHashMap<>());
        run(p, new OneDnnPrimitive.SharedCopies() {
            @Override
            public long find(int arg, OneDnnPrimitive reader) {
                SharedCopy c = made.get(arrays[arg].data());
                if (c == null || c.offset() != arrays[arg].offset() || c.owner().runs() != c.ownerRuns()
                        || !reader.sameConversion(arg, c.owner(), c.arg())) {
                    return 0;
                }
                sharedCopiesUsed++;
                return c.owner().copyBase(c.arg());
            }

            @Override
            public void remember(int arg, OneDnnPrimitive owner) {
                made.put(arrays[arg].data(), new SharedCopy(arrays[arg].offset(), owner, arg, owner.runs()));
            }
        }, addresses);
    }

    /** Blocked copies reused instead of reordered again, since the engine was made (for tests). */
    long sharedCopiesUsed() {
        return sharedCopiesUsed;
    }

    private void run(OneDnnPrimitive p, long... addresses) {
        run(p, null, addresses);
    }

    private void run(OneDnnPrimitive p, OneDnnPrimitive.SharedCopies shared, long... addresses) {
        // OpenMP's thread count is a per-thread setting: set it on the thread that runs oneDNN.
        nativeOps.setOmpNumThreads(Threads.count());
        p.run(stream, shared, addresses);
    }

    /** Address of a contiguous array's first element. */
    private static long address(INDArray a) {
        return a.data().address() + a.offset() * a.dataType().width();
    }
}
