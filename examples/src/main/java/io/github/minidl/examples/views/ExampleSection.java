package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A section about the walkthrough's running example: the shared 5x5 input, the shared 3x3 kernel
 * and {@link Walkthrough#SPEC}, the plain convolution of one by the other, handed to
 * {@link #show} as fresh copies.
 */
abstract class ExampleSection extends Section {
    /** A section on the running example, printed under {@code title}. */
    ExampleSection(String title) {
        super(title);
    }

    @Override
    public final void run(Walkthrough w) throws IOException {
        show(w, w.input(), w.kernel(), Walkthrough.SPEC);
    }

    /** Prints, checks and draws this section for input x [1, 1, 5, 5] and kernel k [1, 1, 3, 3]. */
    abstract void show(Walkthrough w, INDArray x, INDArray k, ConvSpec spec) throws IOException;
}
