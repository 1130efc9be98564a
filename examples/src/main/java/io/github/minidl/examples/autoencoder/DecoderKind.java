package io.github.minidl.examples.autoencoder;

import java.util.Locale;

/** How the {@link ConvAutoencoder} restores 7×7 codes to 28×28 images. */
public enum DecoderKind {
    /** Two 3×3 transposed convolutions of stride 2 (learned upsampling). */
    TRANSPOSED,
    /** Twice a 2× nearest-neighbour Upsample followed by a 3×3 convolution with padding 1 (resize-convolution). */
    UPSAMPLE;

    /** The lower-case name used on the command line, e.g. {@code upsample}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
