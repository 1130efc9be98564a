package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.geometry.TransposedConvSpec;
import io.github.minidl.core.kernels.ConvEngine;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.core.onednn.OneDnnConv.Key;
import io.github.minidl.core.onednn.OneDnnConv.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
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
 * dilation and per-axis padding. The forward kernels run on ND4J's buffers as they are; the weight
 * gradients go through the blocked layouts oneDNN picks, which pays for its reorders there.
 *
 * <p>Primitives are cached per geometry (kind, spec, shapes), so the steps of a training run
 * re-use the ones the first step built. A geometry oneDNN has no implementation for runs on the
 * fallback engine. oneDNN's OpenMP threads follow {@link Threads#count()}: this build of oneDNN
 * uses the libgomp that ND4J loaded, whose thread count ND4J sets per calling thread.
 */
public final class OneDnnEngine implements ConvEngine {
    private static final Logger log = LoggerFactory.getLogger(OneDnnEngine.class);

    private final dnnl_engine engine;
    private final dnnl_stream stream;
    private final ConvEngine fallback;
    private final NativeOps nativeOps;
    /** Empty value: oneDNN cannot do this geometry; the fallback engine does it. */
    private final Map<Key, Optional<OneDnnConv>> primitives = new HashMap<>();

    private OneDnnEngine(dnnl_engine engine, dnnl_stream stream, ConvEngine fallback, NativeOps nativeOps) {
        this.engine = engine;
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
        // ND4J's natives first, so that oneDNN binds to the OpenMP runtime ND4J already loaded;
        // NativeOpsHolder before ND4J's backend is up would break ND4J itself.
        Nd4j.getExecutioner();
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Loader.load(dnnl.class);
        dnnl_engine engine = new dnnl_engine();
        OneDnnConv.check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine_create");
        dnnl_stream stream = new dnnl_stream();
        OneDnnConv.check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream_create");
        dnnl_version_t v = dnnl_version();
        log.debug("oneDNN {}.{}.{} (CPU runtime {}) loaded", v.major(), v.minor(), v.patch(), v.cpu_runtime());
        return new OneDnnEngine(engine, stream, fallback, nativeOps);
    }

    @Override
    public String name() {
        return "onednn";
    }

    @Override
    public synchronized void conv2d(INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y) {
        if (ownIsFaster(spec) || !forward(Kind.CONV_FORWARD, x, w, b, spec, y)) {
            fallback.conv2d(x, w, b, spec, y);
        }
    }

    @Override
    public synchronized void convTranspose2d(INDArray x, INDArray w, INDArray b, TransposedConvSpec spec, INDArray y) {
        if (ownIsFaster(spec.adjoint()) || !forward(Kind.DECONV_FORWARD, x, w, b, spec.adjoint(), y)) {
            fallback.convTranspose2d(x, w, b, spec, y);
        }
    }

    @Override
    public synchronized INDArray conv2dWeightGrad(INDArray x, INDArray gy, ConvSpec spec) {
        INDArray gw = ownIsFaster(spec) ? null : weightGrad(Kind.CONV_WEIGHTS, x, gy, spec, spec.weightShape());
        return gw != null ? gw : fallback.conv2dWeightGrad(x, gy, spec);
    }

    @Override
    public synchronized INDArray convTranspose2dWeightGrad(INDArray x, INDArray gy, TransposedConvSpec spec) {
        INDArray gw = ownIsFaster(spec.adjoint()) ? null
                : weightGrad(Kind.DECONV_WEIGHTS, x, gy, spec.adjoint(), spec.weightShape());
        return gw != null ? gw : fallback.convTranspose2dWeightGrad(x, gy, spec);
    }

    /**
     * Depthwise convolutions (one input and one output channel per group) stay on the fallback:
     * its shifted-plane kernels beat oneDNN's plain-layout depthwise path in every paired run of
     * D1 (BENCHMARKS.md), where oneDNN would first have to reorder into its blocked layout.
     */
    private static boolean ownIsFaster(ConvSpec conv) {
        return conv.isDepthwise();
    }

    /** Runs a forward primitive; false when oneDNN has none for this geometry. */
    private boolean forward(Kind kind, INDArray x, INDArray w, INDArray b, ConvSpec spec, INDArray y) {
        Optional<OneDnnConv> p = primitive(kind, spec, x, y, b != null);
        if (p.isEmpty()) {
            return false;
        }
        if (b == null) {
            run(p.get(), address(x), address(w), address(y));
        } else {
            run(p.get(), address(x), address(w), address(b), address(y));
        }
        return true;
    }

    /** Runs a weight-gradient primitive; null when oneDNN has none for this geometry. */
    private INDArray weightGrad(Kind kind, INDArray x, INDArray gy, ConvSpec spec, long[] shape) {
        Optional<OneDnnConv> p = primitive(kind, spec, x, gy, false);
        if (p.isEmpty()) {
            return null;
        }
        INDArray gw = Nd4j.createUninitialized(DataType.FLOAT, shape);
        run(p.get(), address(x), address(gy), address(gw));
        return gw;
    }

    private Optional<OneDnnConv> primitive(Kind kind, ConvSpec spec, INDArray x, INDArray y, boolean bias) {
        Key key = new Key(kind, spec, x.size(0), (int) x.size(2), (int) x.size(3), (int) y.size(2),
                (int) y.size(3), bias);
        return primitives.computeIfAbsent(key, k -> {
            OneDnnConv p = OneDnnConv.create(k, engine);
            log.debug("oneDNN {} for {}: {}", kind, k, p == null ? "not implemented, fallback" : p.implementation());
            return Optional.ofNullable(p);
        });
    }

    private void run(OneDnnConv p, long... addresses) {
        // OpenMP's thread count is a per-thread setting: set it on the thread that runs oneDNN.
        nativeOps.setOmpNumThreads(Threads.count());
        p.run(stream, addresses);
    }

    /** Address of a contiguous float32 array's first element. */
    private static long address(INDArray a) {
        return a.data().address() + a.offset() * Float.BYTES;
    }
}
