package io.github.minidl.layers.data;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One sample of a {@link Dataset}: an input and its target, without the sample axis.
 *
 * @param input e.g. {@code [C, H, W]}
 * @param target e.g. a rank-0 class index, or {@code [K]}
 */
public record Sample(INDArray input, INDArray target) {
    /** Rejects null arrays. */
    public Sample {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
    }
}
