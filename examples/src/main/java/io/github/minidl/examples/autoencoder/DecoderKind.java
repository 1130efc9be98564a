package io.github.minidl.examples.autoencoder;

import io.github.minidl.examples.CliChoice;

/** How the {@link ConvAutoencoder} restores 7×7 codes to 28×28 images. */
public enum DecoderKind implements CliChoice {
    /** Two 3×3 transposed convolutions of stride 2 (learned upsampling). */
    TRANSPOSED,
    /** Twice a 2× nearest-neighbour Upsample followed by a 3×3 convolution with padding 1 (resize-convolution). */
    UPSAMPLE
}
