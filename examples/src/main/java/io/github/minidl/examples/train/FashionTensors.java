package io.github.minidl.examples.train;

import io.github.minidl.examples.data.LabelledImages;
import io.github.minidl.layers.data.TensorDataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fashion-MNIST images as a float32 {@link TensorDataset}, standardised with the training set's statistics. */
public final class FashionTensors {
    /** Mean pixel value of the Fashion-MNIST training images (pixels in [0, 1]). */
    public static final double MEAN = 0.2860;
    /** Standard deviation of the Fashion-MNIST training pixels. */
    public static final double STD = 0.3530;

    private FashionTensors() {
    }

    /** Images [N, 1, 28, 28] as (pixel − mean) / std, labels int64 [N]. */
    public static TensorDataset of(LabelledImages split) {
        INDArray x = split.features();
        x.subi(MEAN).divi(STD);
        return new TensorDataset(x, split.labelArray());
    }
}
