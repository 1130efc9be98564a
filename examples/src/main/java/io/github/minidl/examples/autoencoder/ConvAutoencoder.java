package io.github.minidl.examples.autoencoder;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.ConvTranspose2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import io.github.minidl.layers.Sigmoid;
import io.github.minidl.layers.Upsample;

/**
 * A convolutional autoencoder for 28x28 grey images in [0, 1]:
 * encoder 1 -> 16 -> 32 channels with 3x3 convolutions of stride 2 (28 -> 14 -> 7), decoder
 * 32 -> 16 -> 1 with 3x3 transposed convolutions of stride 2, padding 1 and outputPadding 1
 * (7 -> 14 -> 28; out = (in - 1)·2 - 2 + 3 + 1 = 2·in), or with {@link DecoderKind#UPSAMPLE}
 * each of those a 2× nearest Upsample and a 3x3 convolution with padding 1 (the same shapes and
 * parameter count), and a sigmoid so outputs lie in (0, 1).
 */
public final class ConvAutoencoder extends Module {
    private final Sequential encoder;
    private final Sequential decoder;

    /** Freshly initialised weights with the transposed-convolution decoder (seed them with {@code Init.manualSeed}). */
    public ConvAutoencoder() {
        this(DecoderKind.TRANSPOSED);
    }

    /** Freshly initialised weights with the chosen decoder. */
    public ConvAutoencoder(DecoderKind decoderKind) {
        encoder = registerModule("encoder", new Sequential(
                Conv2d.builder(1, 16, 3).stride(2).padding(1).build(), new ReLU(),
                Conv2d.builder(16, 32, 3).stride(2).padding(1).build(), new ReLU()));
        decoder = registerModule("decoder", switch (decoderKind) {
            case TRANSPOSED -> new Sequential(
                    ConvTranspose2d.builder(32, 16, 3).stride(2).padding(1).outputPadding(1).build(), new ReLU(),
                    ConvTranspose2d.builder(16, 1, 3).stride(2).padding(1).outputPadding(1).build(), new Sigmoid());
            case UPSAMPLE -> new Sequential(
                    new Upsample(2), Conv2d.builder(32, 16, 3).padding(1).build(), new ReLU(),
                    new Upsample(2), Conv2d.builder(16, 1, 3).padding(1).build(), new Sigmoid());
        });
    }

    /** [N, 1, 28, 28] -> the code [N, 32, 7, 7]. */
    public Tensor encode(Tensor x) {
        return encoder.forward(x);
    }

    /** The code [N, 32, 7, 7] -> the reconstruction [N, 1, 28, 28] in (0, 1). */
    public Tensor decode(Tensor code) {
        return decoder.forward(code);
    }

    /** x [N, 1, 28, 28] -> its reconstruction, the same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return decode(encode(x));
    }
}
