package io.github.minidl.autograd;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;

import io.github.minidl.testing.RandomArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * float32 batch normalization in training mode (on oneDNN's fused kernels where they load)
 * against the same step in float64 (libnd4j's elementwise ops, the path gradient checks prove):
 * the output, the running statistics, the first-order gradients, and the recorded (double
 * backward) gradients of the float32 graph itself.
 */
class BatchNormFloat32Test {
    private static final double TOL = 1e-4;

    private static Tensor f32(INDArray a) {
        return Tensor.of(a.castTo(DataType.FLOAT)).requiresGrad(true);
    }

    private static Tensor f64(INDArray a) {
        return Tensor.of(a.castTo(DataType.DOUBLE)).requiresGrad(true);
    }

    @ParameterizedTest(name = "affine {0}")
    @ValueSource(booleans = {true, false})
    void float32AgreesWithFloat64(boolean affine) {
        SplittableRandom rng = new SplittableRandom(affine ? 1 : 2);
        INDArray x = RandomArrays.randn(rng, DataType.DOUBLE, 4, 6, 5, 5).muli(2).addi(0.5);
        INDArray w = RandomArrays.randn(rng, DataType.DOUBLE, 6);
        INDArray b = RandomArrays.randn(rng, DataType.DOUBLE, 6);
        INDArray gy = RandomArrays.randn(rng, DataType.DOUBLE, 4, 6, 5, 5);
        BatchNormOptions o = BatchNormOptions.train().withMomentum(0.3);

        Tensor x32 = f32(x);
        Tensor w32 = affine ? f32(w) : null;
        Tensor b32 = affine ? f32(b) : null;
        Tensor mean32 = Tensor.of(RandomArrays.randn(rng, DataType.FLOAT, 6));
        Tensor var32 = Tensor.of(mean32.data().mul(mean32.data()).addi(1));
        Tensor mean64 = Tensor.of(mean32.data().castTo(DataType.DOUBLE));
        Tensor var64 = Tensor.of(var32.data().castTo(DataType.DOUBLE));
        Tensor x64 = f64(x);
        Tensor w64 = affine ? f64(w) : null;
        Tensor b64 = affine ? f64(b) : null;

        Tensor y32 = F.batchNorm(x32, mean32, var32, w32, b32, o);
        Tensor y64 = F.batchNorm(x64, mean64, var64, w64, b64, o);
        assertAllClose(y64.data(), y32.data(), TOL, TOL, "y");
        assertAllClose(mean64.data(), mean32.data(), TOL, TOL, "running mean");
        assertAllClose(var64.data(), var32.data(), TOL, TOL, "running variance");

        Tensor[] in32 = affine ? new Tensor[] {x32, w32, b32} : new Tensor[] {x32};
        Tensor[] in64 = affine ? new Tensor[] {x64, w64, b64} : new Tensor[] {x64};
        Tensor[] g64 = Autograd.grad(new Tensor[] {y64}, new Tensor[] {Tensor.of(gy)}, in64,
                BackwardOptions.defaults().withRetainGraph());
        Tensor gy32 = Tensor.of(gy.castTo(DataType.FLOAT));
        Tensor[] fused = Autograd.grad(new Tensor[] {y32}, new Tensor[] {gy32}, in32,
                BackwardOptions.defaults().withRetainGraph());
        Tensor[] recorded = Autograd.grad(new Tensor[] {y32}, new Tensor[] {gy32}, in32,
                BackwardOptions.defaults().withCreateGraph());
        String[] names = {"gx", "gw", "gb"};
        for (int i = 0; i < in32.length; i++) {
            assertAllClose(g64[i].data(), fused[i].data(), TOL, TOL, names[i] + " first order");
            assertAllClose(g64[i].data(), recorded[i].data(), TOL, TOL, names[i] + " recorded");
        }
    }
}
