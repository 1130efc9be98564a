package io.github.minidl.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.core.geometry.PoolSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every functional op refuses bad input with an {@link IllegalArgumentException} whose message
 * names the argument, the value received and the rule; one row per misuse.
 */
class BadInputSweepTest {
    private static Tensor d(long... shape) {
        return Tensor.of(Nd4j.rand(DataType.DOUBLE, shape));
    }

    private static Tensor f(long... shape) {
        return Tensor.of(Nd4j.rand(DataType.FLOAT, shape));
    }

    private static Arguments row(String what, String fragment, Executable call) {
        return Arguments.of(what, fragment, call);
    }

    static Stream<Arguments> misuses() {
        return Stream.of(
                // convolution
                row("conv2d null input", "input must not be null", () -> F.conv2d(null, d(2, 1, 3, 3), null)),
                row("conv2d null weight", "weight must not be null", () -> F.conv2d(d(1, 1, 5, 5), null, null)),
                row("conv2d 2-D input", "input must be 4-D", () -> F.conv2d(d(5, 5), d(2, 1, 3, 3), null)),
                row("conv2d 5-D weight", "weight must be 4-D", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3, 1), null)),
                row("conv2d channel mismatch", "input [1, 3, 5, 5] has 3 channels; weight [2, 2, 3, 3] with groups=1 expects 2", () -> F.conv2d(d(1, 3, 5, 5), d(2, 2, 3, 3), null)),
                row("conv2d out not divisible", "weight [3, 2, 3, 3] has 3 output channels, which must be divisible by groups=2", () -> F.conv2d(d(1, 4, 5, 5), d(3, 2, 3, 3), null, 1, 0, 1, 2)),
                row("conv2d zero stride", "stride=[0, 0] must be positive", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3), null, 0, 0, 1, 1)),
                row("conv2d negative padding", "padding=[-1, -1] must be non-negative", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3), null, 1, -1, 1, 1)),
                row("conv2d zero dilation", "dilation=[0, 0] must be positive", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3), null, 1, 0, 0, 1)),
                row("conv2d zero groups", "groups=0 must be positive", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3), null, 1, 0, 1, 0)),
                row("conv2d kernel larger than input",
                        "input size [2, 2] padded by [0, 0] is smaller than the dilated kernel [3, 3]", () -> F.conv2d(d(1, 1, 2, 2), d(2, 1, 3, 3), null)),
                row("conv2d bias shape", "bias must have shape [2]", () -> F.conv2d(d(1, 1, 5, 5), d(2, 1, 3, 3), d(3))),
                row("conv2d mixed dtypes", "dtypes are never mixed", () -> F.conv2d(d(1, 1, 5, 5), f(2, 1, 3, 3), null)),
                row("conv2d empty batch", "input shape [0, 1, 5, 5] has an empty dimension; every dimension must be at least 1", () -> F.conv2d(d(0, 1, 5, 5), d(2, 1, 3, 3), null)),
                row("convTranspose2d output padding too large", "outputPadding=[2, 2] must be smaller than max(stride, dilation)=[2, 2]",
                        () -> F.convTranspose2d(d(1, 2, 4, 4), d(2, 2, 3, 3), null, new int[] {2, 2}, new int[] {0, 0}, new int[] {2, 2}, 1, new int[] {1, 1})),
                row("convTranspose2d negative output padding", "outputPadding=[-1, -1] must be non-negative",
                        () -> F.convTranspose2d(d(1, 2, 4, 4), d(2, 2, 3, 3), null, new int[] {2, 2}, new int[] {0, 0}, new int[] {-1, -1}, 1, new int[] {1, 1})),
                row("convTranspose2d empty output", "input size [1, 1] with padding=[1, 1] gives output size [-1, -1]; it must be at least 1",
                        () -> F.convTranspose2d(d(1, 2, 1, 1), d(2, 2, 1, 1), null, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1, new int[] {1, 1})),
                row("convTranspose2d output past an int", "convTranspose2d output [1, 1, 805306371, 805306371] has"
                        + " 648518351173189641 elements; one array holds at most 2147483647",
                        () -> F.convTranspose2d(d(1, 1, 4, 4), d(1, 1, 3, 3), null, new int[] {1 << 28}, new int[] {0},
                                new int[] {0}, 1, new int[] {1})),
                row("conv2d dilation past an int", "dilated kernel [2147483649, 2147483649]",
                        () -> F.conv2d(d(1, 1, 4, 4), d(1, 1, 3, 3), null, 1, 0, 1 << 30, 1)),
                row("convTranspose2d channel mismatch", "input [1, 3, 4, 4] has 3 channels; transposed weight [2, 2, 3, 3] expects 2",
                        () -> F.convTranspose2d(d(1, 3, 4, 4), d(2, 2, 3, 3), null, 1, 0)),
                // pooling
                row("maxPool2d 2-D input", "4-D [N, C, H, W] or 3-D [C, H, W]", () -> F.maxPool2d(d(5, 5), 2)),
                row("maxPool2d zero kernel", "kernelSize=[0, 0] must be positive", () -> F.maxPool2d(d(1, 1, 5, 5), 0)),
                row("maxPool2d padding over half kernel", "padding=[2, 2] must be at most half the kernelSize=[2, 2]", () -> F.maxPool2d(d(1, 1, 5, 5), 2, 2, 2)),
                row("avgPool2d negative padding", "padding=[-1, -1] must be non-negative", () -> F.avgPool2d(d(1, 1, 5, 5), 2, 2, -1)),
                row("maxPool2d kernel larger than input",
                        "smaller than the dilated kernel [3, 3] (kernelSize=[3, 3], dilation=[1, 1]): pooling output would be empty", () -> F.maxPool2d(d(1, 1, 2, 2), 3, 1, 0)),
                row("adaptiveAvgPool2d zero output", "outputSize=[0, 1] must be positive", () -> F.adaptiveAvgPool2d(d(1, 1, 5, 5), 0, 1)),
                row("maxPool2d dilated kernel past an int", "dilated kernel [4294967293, 4294967293] (kernelSize=[1073741824,"
                        + " 1073741824], dilation=[4, 4])", () -> F.maxPool2d(d(1, 1, 4, 4),
                        PoolSpec.builder(1 << 30).stride(1).dilation(4).build())),
                row("poolSpec zero stride", "stride=[0, 0] must be positive", () -> PoolSpec.builder(2).stride(0).build()),
                // linear algebra and element-wise
                row("linear feature mismatch", "input [2, 5] has 5 features on its last axis; weight [3, 4] expects 4", () -> F.linear(d(2, 5), d(3, 4), null)),
                row("linear mixed dtypes", "arguments have dtypes DOUBLE and FLOAT; convert one of them", () -> F.linear(d(2, 4), f(3, 4), null)),
                row("matmul inner mismatch", "inner dimensions differ: [2, 3] x [4, 5]", () -> F.matmul(d(2, 3), d(4, 5))),
                row("add non-broadcastable", "shapes [2, 3] and [4, 3] cannot be broadcast: axis -2 has sizes 2 and 4", () -> F.add(d(2, 3), d(4, 3))),
                row("mul mixed dtypes", "arguments have dtypes DOUBLE and FLOAT; convert one of them", () -> F.mul(d(2, 3), f(2, 3))),
                row("reshape wrong count", "shape=[4, 2] has 8 elements but the tensor [2, 3] has 6", () -> F.reshape(d(2, 3), 4, 2)),
                row("permute bad dims", "dims=[0, 0] repeats dimension 0", () -> F.permute(d(2, 3), 0, 0)),
                row("softmax dim out of range", "dim=5 is out of range for a tensor of rank 2", () -> F.softmax(d(2, 3), 5)),
                row("sum dim out of range", "dim=2 is out of range for a tensor of rank 2", () -> F.sum(d(2, 3), 2)),
                row("slice dim out of range", "dim=3 is out of range for a tensor of rank 2", () -> F.slice(d(2, 3), 3, 0, 1)),
                row("concat mismatch", "tensor 1 has shape [2, 4], incompatible with [2, 3]", () -> F.concat(0, d(2, 3), d(2, 4))),
                // normalisation and regularisation
                row("batchNorm wrong channels", "input has 3 channels but a parameter or buffer has shape [2]; expected [3]", () -> F.batchNorm(d(2, 3, 4, 4), d(2), d(2), d(2), d(2), BatchNormOptions.train())),
                row("batchNorm negative eps", "eps=-1.0 must be", () -> BatchNormOptions.train().withEps(-1)),
                row("dropout p out of range", "p=1.5 must lie in [0, 1]", () -> F.dropout(d(2, 3), 1.5, 1L)),
                row("pad crops everything", "cropping must keep at least 1", () -> F.pad(d(1, 1, 3, 3), new int[] {-2, -1}, PadMode.REFLECT, 0)),
                row("reflect pad too large", "reflect padding (3, 3) of dimension 3 must be smaller than its size 3", () -> F.pad(d(1, 1, 3, 3), new int[] {3, 3, 0, 0}, PadMode.REFLECT, 0)),
                // the options PyTorch users reach for
                row("batchNorm eps 0", "eps=0.0 must be finite and positive", () -> BatchNormOptions.train().withEps(0)),
                row("batchNorm eval negative variance", "runningVar[0]=-1.0 is negative", () -> F.batchNorm(d(2, 2, 2, 2),
                        d(2), Tensor.of(Nd4j.createFromArray(-1.0, 1.0)), null, null, BatchNormOptions.eval())),
                row("circular crop then wrap too far", "must not exceed the 2 elements it wraps around",
                        () -> F.pad(d(1, 1, 3, 4), new int[] {-2, 3}, PadMode.CIRCULAR, 0)),
                row("conv2d same strided", "padding='same' is not supported for strided convolutions; stride=[2, 1]",
                        () -> F.conv2d(d(1, 1, 5, 5), d(1, 1, 3, 3), null, new int[] {2, 1}, "same", new int[] {1}, 1)),
                row("conv2d unknown padding string", "padding='full' must be 'same' or 'valid'",
                        () -> F.conv2d(d(1, 1, 5, 5), d(1, 1, 3, 3), null, "full")),
                row("avgPool2d divisor 0", "divisorOverride=0 must be positive", () -> PoolSpec.builder(2).divisorOverride(0)),
                row("adaptiveMaxPool2d zero output", "outputSize=[0, 2] must be positive", () -> F.adaptiveMaxPool2d(d(1, 1, 4, 4), 0, 2)),
                row("maxUnpool2d output size too far", "dim 0 must lie strictly between 2 and 6",
                        () -> F.maxUnpool2d(d(1, 1, 2, 2), Nd4j.zeros(DataType.LONG, 1, 1, 2, 2), PoolSpec.builder(2).build(),
                                new int[] {6, 4})),
                row("maxUnpool2d index outside the output", "indices contain 16 but a plane has 16 positions",
                        () -> F.maxUnpool2d(d(1, 1, 2, 2), Nd4j.createFromArray(0L, 1L, 2L, 16L).reshape(1, 1, 2, 2),
                                PoolSpec.builder(2).build(), null)),
                row("maxUnpool2d indices shape", "must have the input's shape [1, 1, 2, 2]", () -> F.maxUnpool2d(
                        d(1, 1, 2, 2), Nd4j.zeros(DataType.LONG, 1, 1, 2, 1), PoolSpec.builder(2).build(), null)),
                row("maxUnpool2d dilation", "dilation=[2, 2] must be [1, 1]", () -> F.maxUnpool2d(d(1, 1, 2, 2),
                        Nd4j.zeros(DataType.LONG, 1, 1, 2, 2), PoolSpec.builder(2).dilation(2).build(), null)),
                row("pixelUnshuffle indivisible", "height 5 and width 4 must be divisible by downscaleFactor=2",
                        () -> F.pixelUnshuffle(d(1, 1, 5, 4), 2)),
                row("interpolate 3-D", "input must be 4-D [N, C, H, W] for 2-D modes",
                        () -> F.interpolate(d(2, 4, 4), InterpolateOptions.scaleFactor(2))),
                row("interpolate align corners nearest", "alignCorners can only be set in BILINEAR mode",
                        () -> InterpolateOptions.size(4, 4).alignCorners(true)),
                row("interpolate recompute with size", "recomputeScaleFactor is not meaningful with an explicit size",
                        () -> InterpolateOptions.size(4, 4).recomputeScaleFactor()),
                row("interpolate empty output", "gives an output size of 0 on axis 1",
                        () -> F.interpolate(d(1, 1, 4, 3), InterpolateOptions.scaleFactor(1, 0.3))),
                row("interpolate scale NaN", "scaleFactor=[NaN, NaN] must be positive and finite",
                        () -> InterpolateOptions.scaleFactor(Double.NaN)),
                // losses
                row("crossEntropy label out of range", "target 10 at position 1 is not a class index in [0, 10)", () -> F.crossEntropy(d(2, 10),
                        Nd4j.createFromArray(new long[] {3, 10}))),
                row("crossEntropy negative label", "target -1 at position 0 is not a class index in [0, 10)", () -> F.crossEntropy(d(2, 10),
                        Nd4j.createFromArray(new long[] {-1, 2}))),
                row("crossEntropy batch mismatch", "target must have shape [2] (class indices) for input [2, 10]; got [3]", () -> F.crossEntropy(d(2, 10),
                        Nd4j.createFromArray(new long[] {1, 2, 3}))),
                row("crossEntropy smoothing out of range", "labelSmoothing=1.5 must lie in [0, 1]", () -> F.crossEntropy(d(2, 10),
                        Nd4j.createFromArray(new long[] {1, 2}), Reduction.MEAN, 1.5)),
                row("crossEntropy zero classes", "input [2, 0] has 0 classes (dimension 1); there must be at least one class",
                        () -> F.crossEntropy(d(2, 0), Nd4j.createFromArray(new long[] {0, 0}))),
                row("mseLoss shape mismatch", "input [2, 3] and target [3, 2] must have the same shape", () -> F.mseLoss(d(2, 3), d(3, 2))),
                row("bce shape mismatch", "input [2, 3] and target [2, 4] must have the same shape", () -> F.binaryCrossEntropyWithLogits(d(2, 3), d(2, 4))),
                // the graph
                row("backward gradient shape", "gradient 0 has shape [3, 2]; it must match the output shape [2, 3]", () -> d(2, 3).requiresGrad(true).mul(2.0).backward(Nd4j.ones(DataType.DOUBLE, 3, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseIsRejectedWithAClearMessage(String what, String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment), what + ": message was: " + e.getMessage());
    }
}
