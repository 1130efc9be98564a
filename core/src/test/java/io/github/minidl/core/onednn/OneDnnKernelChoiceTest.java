package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.ConvEngines;
import io.github.minidl.core.onednn.OneDnnConv.Key;
import io.github.minidl.core.onednn.OneDnnConv.Kind;
import org.bytedeco.dnnl.dnnl_engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which of oneDNN's kernels each convolution gets. Depthwise convolutions run on its JIT depthwise
 * kernel, in every direction, and on nothing else of oneDNN's (so the engine-comparison tests
 * compare that kernel with minidl's own); dense kernels wider than 1x1 on its blocked direct
 * kernels; 1x1 forward kernels on the plain-layout GEMM path; dense layers' products on its matmul.
 */
class OneDnnKernelChoiceTest {
    private static dnnl_engine engine;

    @BeforeAll
    static void createEngine() {
        // Loads oneDNN's natives in the order the engine needs (after ND4J's).
        assumeTrue(ConvEngines.oneDnn().isPresent(), "oneDNN does not load here");
        engine = new dnnl_engine();
        OneDnnPrimitive.check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine_create");
    }

    private static OneDnnPrimitive create(Kind kind, ConvSpec s, int h, int w, boolean bias) {
        int[] out = s.outputSize(h, w);
        // A deconvolution's input is the convolution's output, its output the convolution's input.
        Key key = kind.deconvolution() ? new Key(kind, s, 2, out[0], out[1], h, w, bias)
                : new Key(kind, s, 2, h, w, out[0], out[1], bias);
        return OneDnnConv.create(key, engine, OneDnnEngine.CHUNK_BYTES);
    }

    @Test
    void depthwiseRunsOnTheJitDepthwiseKernelInEveryDirection() {
        ConvSpec[] specs = {
            ConvSpec.builder(64, 64, 3).padding(1).groups(64).build(),
            ConvSpec.builder(20, 20, 3).padding(1).groups(20).build(),
            ConvSpec.builder(16, 16, 3).stride(2).padding(1).groups(16).build(),
            ConvSpec.builder(4, 4, 3, 1).stride(2, 1).padding(1, 0).groups(4).build()};
        for (ConvSpec s : specs) {
            for (Kind kind : Kind.values()) {
                OneDnnPrimitive p = create(kind, s, 9, 10, true);
                assertNotNull(p, kind + " " + s);
                assertTrue(p.implementation().startsWith(OneDnnConv.DEPTHWISE_KERNEL), kind + " " + s + ": " + p.implementation());
            }
        }
    }

    @Test
    void depthwiseWithoutTheJitKernelIsLeftToTheFallback() {
        // A channel multiplier of 2: oneDNN has only its per-channel GEMM for it.
        ConvSpec s = ConvSpec.builder(8, 16, 3).padding(1).groups(8).build();
        for (Kind kind : Kind.values()) {
            assertNull(create(kind, s, 9, 10, false), kind + " " + s);
        }
        // Not depthwise: the plain-layout kernels stay, whatever oneDNN picks.
        assertNotNull(create(Kind.CONV_FORWARD, ConvSpec.builder(8, 16, 3).padding(1).groups(4).build(), 9, 10, false));
    }

    @Test
    void denseKernelsWiderThanOneRunOnTheBlockedDirectKernels() {
        ConvSpec[] specs = {
            ConvSpec.builder(32, 64, 3).padding(1).build(),
            ConvSpec.builder(16, 32, 3).padding(2).dilation(2).build(),
            ConvSpec.builder(64, 64, 3).padding(1).groups(4).build()};
        for (ConvSpec s : specs) {
            for (Kind kind : Kind.values()) {
                OneDnnPrimitive p = create(kind, s, 12, 12, true);
                assertNotNull(p, kind + " " + s);
                // "jit:avx512_common", "jit:avx2", ...: not oneDNN's im2col + GEMM ("gemm:jit").
                assertTrue(p.implementation().startsWith("jit"), kind + " " + s + ": " + p.implementation());
            }
        }
    }

    @Test
    void pointwiseForwardKernelsStayOnThePlainGemm() {
        ConvSpec s = ConvSpec.builder(64, 128, 1).build();
        for (Kind kind : new Kind[] {Kind.CONV_FORWARD, Kind.DECONV_FORWARD}) {
            OneDnnPrimitive p = create(kind, s, 12, 12, true);
            assertNotNull(p, kind + " " + s);
            assertTrue(p.implementation().contains("gemm"), kind + " " + s + ": " + p.implementation());
        }
    }

    @Test
    void denseLayerProductsRunOnTheMatmulInEveryLayout() {
        for (int t = 0; t < 8; t++) {
            OneDnnMatMul.Key key = new OneDnnMatMul.Key(64, 128, 3136, (t & 1) != 0, (t & 2) != 0, (t & 4) != 0);
            OneDnnPrimitive p = OneDnnMatMul.create(key, engine);
            assertNotNull(p, key.toString());
            // "brg:avx512_core", "gemm:jit", ...: never the reference kernel.
            assertTrue(!p.implementation().startsWith("ref"), key + ": " + p.implementation());
        }
    }
}
