package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.core.kernels.ConvKernels;
import io.github.minidl.core.views.ConvViews;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 1x1 convolution weights the input channels, the same weights at every pixel: over a
 * [C, H, W] input it is the matrix product W [out, C] . X [C, H·W].
 */
final class PointwiseSection extends Section {
    PointwiseSection() {
        super("1x1 convolution: the same channel weighting at every pixel");
    }

    @Override
    public void run(Walkthrough w) throws IOException {
        int in = 3;
        int outChannels = 2;
        int side = 4;
        ConvSpec s = ConvSpec.builder(in, outChannels, 1).build();
        INDArray x = w.integers(0, 9, 1, in, side, side);
        INDArray k = w.integers(-2, 2, s.weightShape());
        INDArray weights = k.reshape(outChannels, in);
        w.matrix("weights W [out x in], one row per output channel", weights);
        INDArray y = ConvKernels.conv2d(x, k, null, s);

        INDArray pixel = x.get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.point(0), NDArrayIndex.point(0));
        w.matrix("the channels of pixel (0, 0)", pixel.reshape(1, in));
        w.matrix("W . those channels = the outputs at pixel (0, 0)", weights.mmul(pixel.reshape(in, 1)).reshape(1, outChannels));
        w.matrix("y at pixel (0, 0) from conv2d", y.get(NDArrayIndex.point(0),
                NDArrayIndex.all(), NDArrayIndex.point(0),
                NDArrayIndex.point(0)).reshape(1, outChannels));

        INDArray product = weights.mmul(x.reshape(in, side * side)).reshape(1, outChannels, side, side);
        w.println("");
        w.agree("1x1 conv2d vs W . X over channels", y, product);
        w.agree("1x1 conv2d vs sliding window", y, ConvViews.slidingWindow(x, k, null, s));
    }
}
