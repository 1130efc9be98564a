package io.github.minidl.autograd;

import io.github.minidl.autograd.TrainingOpGradCheckTest.Case;
import io.github.minidl.core.geometry.PoolSpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * First- and second-order gradient checks (float64) of the batch-norm options, pooling options,
 * interpolation, string padding, cropping, pixel (un)shuffle and unbatched inputs, with
 * tolerances that catch a relative error of 1e-6.
 */
class ParityGradCheckTest {
    private static final GradCheckOptions TIGHT = GradCheckOptions.defaults().withAtol(1e-8).withRtol(1e-6);

    /** Distinct positions in a 5x4 plane, one per 2x2 window of a 2x2 pooled input. */
    private static final INDArray UNPOOL_INDICES = Nd4j.createFromArray(new long[] {0, 3, 13, 14, 5, 2, 8, 15})
            .reshape(1, 2, 2, 2);

    private static long[][] shapes(long[]... s) {
        return s;
    }

    private static long[] s(long... d) {
        return d;
    }

    private static BatchNormBuffers counted() {
        return new BatchNormBuffers(Tensor.zeros(DataType.DOUBLE, 2), Tensor.ones(DataType.DOUBLE, 2),
                Tensor.of(Nd4j.scalar(DataType.LONG, 0L)));
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("batchNorm no affine", in -> F.batchNorm(in[0], null, null, null, null, BatchNormOptions.train()),
                    shapes(s(3, 2, 2, 2)), true),
            new Case("batchNorm cumulative counted", in -> F.batchNorm(in[0], counted(), in[1], in[2],
                    BatchNormOptions.train().withCumulativeAverage()), shapes(s(2, 2, 3, 2), s(2), s(2)), true),
            new Case("batchNorm eval no affine", in -> F.batchNorm(in[0], Tensor.of(Nd4j.createFromArray(0.3, -1.0)),
                    Tensor.of(Nd4j.createFromArray(2.0, 0.25)), null, null, BatchNormOptions.eval().withEps(1e-3)),
                    shapes(s(2, 2, 2, 3)), true),
            new Case("avgPool2d divisorOverride", in -> F.avgPool2d(in[0], PoolSpec.builder(3).stride(2).padding(1)
                    .ceilMode(true).divisorOverride(4).build()), shapes(s(1, 2, 5, 4)), true),
            new Case("adaptiveMaxPool2d overlapping bins", in -> F.adaptiveMaxPool2d(in[0], 3, 2),
                    shapes(s(2, 2, 5, 5)), true),
            new Case("adaptiveMaxPool2d more bins than rows", in -> F.adaptiveMaxPool2d(in[0], 4, 3),
                    shapes(s(1, 2, 3, 2)), true),
            new Case("maxUnpool2d", in -> F.maxUnpool2d(in[0], UNPOOL_INDICES, PoolSpec.builder(2).build(),
                    new int[] {5, 4}), shapes(s(1, 2, 2, 2)), true),
            new Case("maxPool2d then maxUnpool2d", in -> {
                MaxPool2dResult r = F.maxPool2dWithIndices(in[0], PoolSpec.builder(2).build());
                return F.maxUnpool2d(r.values(), r.indices(), PoolSpec.builder(2).build(), null);
            }, shapes(s(2, 1, 4, 6)), true),
            new Case("conv2d same even kernel dilated", in -> F.conv2d(in[0], in[1], in[2], new int[] {1}, "same",
                    new int[] {1, 2}, 1), shapes(s(1, 2, 4, 5), s(2, 2, 2, 3), s(2)), true),
            new Case("conv2d valid unbatched", in -> F.conv2d(in[0], in[1], null, "valid"),
                    shapes(s(2, 4, 4), s(3, 2, 3, 2)), true),
            new Case("convTranspose2d unbatched", in -> F.convTranspose2d(in[0], in[1], in[2], 2, 1),
                    shapes(s(2, 3, 2), s(2, 1, 3, 3), s(1)), true),
            new Case("maxPool2d unbatched", in -> F.maxPool2d(in[0], 2), shapes(s(2, 4, 5)), true),
            new Case("adaptiveMaxPool2d unbatched", in -> F.adaptiveMaxPool2d(in[0], 2, 3), shapes(s(2, 5, 4)), true),
            new Case("pad crop constant", in -> F.pad(in[0], new int[] {-1, 2, 1, -2}, PadMode.CONSTANT, 0.5),
                    shapes(s(1, 2, 4, 3)), true),
            new Case("pad crop reflect", in -> F.pad(in[0], new int[] {2, -1, -1, 2}, PadMode.REFLECT, 0),
                    shapes(s(1, 1, 4, 4)), true),
            new Case("pad crop replicate", in -> F.pad(in[0], new int[] {-2, 3}, PadMode.REPLICATE, 0),
                    shapes(s(2, 3, 4)), true),
            new Case("pad crop circular", in -> F.pad(in[0], new int[] {-1, 2, 1, -1}, PadMode.CIRCULAR, 0),
                    shapes(s(1, 1, 4, 5)), true),
            new Case("pixelUnshuffle", in -> F.pixelUnshuffle(in[0], 2), shapes(s(1, 2, 4, 6)), true),
            new Case("pixelShuffle unbatched", in -> F.pixelShuffle(in[0], 2), shapes(s(8, 2, 3)), true),
            new Case("interpolate nearest x2", in -> F.interpolate(in[0], InterpolateOptions.scaleFactor(2)),
                    shapes(s(1, 2, 2, 3)), true),
            new Case("interpolate nearest scale 1.7", in -> F.interpolate(in[0], InterpolateOptions.scaleFactor(1.7, 0.6)),
                    shapes(s(1, 1, 3, 5)), true),
            new Case("interpolate bilinear size", in -> F.interpolate(in[0], InterpolateOptions.size(5, 2)
                    .mode(InterpolationMode.BILINEAR)), shapes(s(2, 1, 3, 4)), true),
            new Case("interpolate bilinear align corners", in -> F.interpolate(in[0], InterpolateOptions.scaleFactor(2.5)
                    .mode(InterpolationMode.BILINEAR).alignCorners(true)), shapes(s(1, 2, 2, 3)), true),
            new Case("interpolate bilinear down recompute", in -> F.interpolate(in[0], InterpolateOptions
                    .scaleFactor(0.7).mode(InterpolationMode.BILINEAR).recomputeScaleFactor()), shapes(s(1, 1, 5, 6)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradients(Case c) {
        GradCheck.assertGradients(c.f(), TIGHT, c.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrderGradients(Case c) {
        if (c.secondOrder()) {
            GradCheck.gradgradcheck(c.f(), TIGHT, c.inputs());
        }
    }
}
