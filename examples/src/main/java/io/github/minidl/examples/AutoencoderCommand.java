package io.github.minidl.examples;

import io.github.minidl.examples.autoencoder.AutoencoderOptions;
import io.github.minidl.examples.autoencoder.AutoencoderResult;
import io.github.minidl.examples.autoencoder.AutoencoderTraining;
import io.github.minidl.examples.autoencoder.DecoderKind;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.output.OutputFiles;
import io.github.minidl.examples.output.OutputLock;
import io.github.minidl.examples.train.ThreadSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minidl autoencoder}: a convolutional autoencoder trained on Fashion-MNIST, with its pictures. */
@Command(name = "autoencoder", mixinStandardHelpOptions = true,
        description = {
            "Trains a convolutional autoencoder on Fashion-MNIST: two 3x3 convolutions",
            "of stride 2 down (1 -> 16 -> 32 channels, 28 -> 7 pixels), two 3x3",
            "transposed convolutions of stride 2 up (outputPadding 1), or with --decoder",
            "upsample two 2x nearest upsamplings each followed by a 3x3 convolution,",
            "a sigmoid output, mean squared error and Adam. Reports the test MSE per pixel (pixels in",
            "[0, 1]) and writes reconstructions.png (test originals above their",
            "reconstructions) and loss.png."})
final class AutoencoderCommand extends CliCommand {
    @Option(names = "--epochs", description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    private int epochs = 5;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).")
    private int batchSize = 64;

    @Option(names = "--lr", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double lr = 2e-3;

    @Option(names = "--seed", description = "Seeds the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = ThreadSettings.OPTION_DESCRIPTION)
    private Integer threads;

    @Option(names = "--data", paramLabel = "DIR", description = {
        "Directory with the four Fashion-MNIST files (plain or .gz), e.g. /usr/share/datasets/fashion-mnist",
        "(default: the subset shipped with minidl, 10,000 training and 2,000 test images)."})
    private Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Use at most N training and N test images (default: all).")
    private int limit;

    @Option(names = "--decoder", paramLabel = "KIND",
            description = "transposed (ConvTranspose2d) or upsample (Upsample + Conv2d) (default: transposed).")
    private DecoderKind decoder = DecoderKind.TRANSPOSED;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the pictures (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("out", "autoencoder");

    @Override
    public Integer call() throws Exception {
        AutoencoderOptions options;
        try {
            options = new AutoencoderOptions(epochs, batchSize, lr, seed, limit, decoder);
        } catch (IllegalArgumentException e) {
            throw usageError(optionNames(e.getMessage()));
        }
        checkThreads(threads);
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        OutputFiles.requireWritableDirectory("--out", out);
        FashionMnist dataset = data == null ? FashionMnist.shipped() : FashionMnist.fromDirectory(data);
        AutoencoderResult r;
        try (OutputLock lock = OutputLock.acquire(List.of(out.resolve(OutputLock.DIRECTORY_LOCK)),
                List.of("--out=" + out))) {
            r = new AutoencoderTraining(options).run(dataset, out);
        }
        PrintWriter text = out();
        double total = r.epochSeconds().stream().mapToDouble(Double::doubleValue).sum();
        text.printf(Locale.ROOT, "test MSE per pixel: %.5f (train %.5f) after %d epochs, %.1f s of training on %s"
                + " (%s decoder)%n", r.finalTestMse(), r.trainMse().get(r.trainMse().size() - 1), epochs, total,
                dataset.source(), decoder.cliName());
        text.printf("pictures: %s, %s%n", r.reconstructions(), r.curve());
        text.flush();
        return 0;
    }

    /** The options' messages name record fields; the user typed option names. */
    private static String optionNames(String message) {
        return message.replace("epochs=", "--epochs=").replace("batchSize=", "--batch-size=")
                .replace("lr=", "--lr=").replace("limit=", "--limit=");
    }
}
