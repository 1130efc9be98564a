package io.github.minidl.layers;

import io.github.minidl.autograd.F;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.geometry.PoolSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max unpooling, PyTorch's {@code nn.MaxUnpool2d}: an upsampling, like {@link ConvTranspose2d},
 * that puts each value back where {@link MaxPool2d#forwardWithIndices} found it and zeros
 * elsewhere. Output size {@code (in - 1)·stride - 2·padding + kernel} per axis, or a requested
 * size within one stride of it. It needs the indices, so it runs as {@link #forward(Tensor,
 * INDArray)} inside a model's own forward, not as a step of a {@link Sequential}.
 *
 * <pre>{@code
 * MaxPool2dResult p = pool.forwardWithIndices(x);
 * Tensor up = unpool.forward(p.values(), p.indices(), new int[] {h, w});
 * }</pre>
 */
public final class MaxUnpool2d extends Pool2d {

    /** Square kernel, stride = kernel, no padding. */
    public MaxUnpool2d(int kernelSize) {
        this(PoolSpec.builder(kernelSize).build());
    }

    /** The kernel, stride and padding of the paired max pooling; dilation must be 1. */
    public MaxUnpool2d(PoolSpec spec) {
        super(spec, true, MaxUnpool2d::withoutIndices);
    }

    /** What {@link #forward(Tensor)} does: refuse, for unpooling needs the indices of its max pooling. */
    private static Tensor withoutIndices(Tensor x, PoolSpec spec) {
        throw new IllegalStateException("MaxUnpool2d needs the indices of its max pooling: call forward(x, indices)"
                + " with MaxPool2d.forwardWithIndices(..).indices()");
    }

    /**
     * @param x       [N, C, H, W] or unbatched [C, H, W], the pooled values
     * @param indices x's shape, LONG positions {@code h·W + w} in the output plane
     * @return [N, C, Ho, Wo] with the default size
     */
    public Tensor forward(Tensor x, INDArray indices) {
        return forward(x, indices, null);
    }

    /** Unpooling to {@code outputSize} ((H, W) or the full shape; null for the default size). */
    public Tensor forward(Tensor x, INDArray indices, int[] outputSize) {
        return traced(x, F.maxUnpool2d(checked(x), indices, spec, outputSize));
    }

    /** An upsampling: the receptive-field arithmetic of sliding windows does not cover it. */
    @Override
    ReceptiveFieldEffect receptiveFieldEffect(long[] in) {
        return ReceptiveFieldEffect.UNKNOWN;
    }

    @Override
    String summaryType(long[] in) {
        return "MaxUnpool2d " + spec.kernel(0) + "x" + spec.kernel(1) + " s" + Checks.tuple(spec.stride());
    }
}
