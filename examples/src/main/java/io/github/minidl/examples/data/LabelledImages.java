package io.github.minidl.examples.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images with one integer class label each, in the same order. Arrays are shared, not copied. */
public record LabelledImages(IdxImages images, int[] labels) {
    /** Checks that there is exactly one label per image. */
    public LabelledImages {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels must not be null");
        }
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(String.format(
                    "%d images but %d labels; they must match one to one", images.count(), labels.length));
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The images as float32 [N, 1, rows, cols] in [0, 1]. */
    public INDArray features() {
        return images.toFloatArray();
    }

    /** The labels as an int64 vector [N], the form a cross-entropy loss takes. */
    public INDArray labelArray() {
        return Nd4j.createFromArray(Arrays.stream(labels).asLongStream().toArray());
    }

    /** How many images carry each label in [0, classes). */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(String.format(
                        "label %d lies outside [0, %d)", label, classes));
            }
            counts[label]++;
        }
        return counts;
    }

    /** A copy holding the items at the given indices, in that order. */
    public LabelledImages select(int[] indices) {
        int[] chosen = new int[indices.length];
        IdxImages x = images.select(indices);
        for (int j = 0; j < indices.length; j++) {
            chosen[j] = labels[indices[j]];
        }
        return new LabelledImages(x, chosen);
    }

    /** The first n items (all of them when n is larger). */
    public LabelledImages head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n + " must be non-negative");
        }
        int[] first = new int[Math.min(n, size())];
        Arrays.setAll(first, i -> i);
        return select(first);
    }
}
