package io.github.minidl.autograd;

import io.github.minidl.autograd.TrainingOpGradCheckTest.Case;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * First- and second-order gradient checks (float64) of the batch-norm options, pooling options,
 * interpolation, string padding, cropping, pixel (un)shuffle and unbatched inputs, with
 * tolerances that catch a relative error of 1e-6.
 */
class ParityGradCheckTest {
    private static final GradCheckOptions TIGHT = GradCheckOptions.defaults().withAtol(1e-8).withRtol(1e-6);

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
                    shapes(s(2, 2, 2, 3)), true));
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
