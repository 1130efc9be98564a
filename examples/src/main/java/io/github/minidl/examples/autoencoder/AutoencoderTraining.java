package io.github.minidl.examples.autoencoder;

import io.github.minidl.autograd.GradMode;
import io.github.minidl.autograd.MemoryScope;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.core.kernels.NativeMemory;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.data.LabelledImages;
import io.github.minidl.examples.plot.ImageGrid;
import io.github.minidl.examples.plot.LineChart;
import io.github.minidl.examples.train.DivergenceGuard;
import io.github.minidl.layers.data.Batch;
import io.github.minidl.layers.data.DataLoader;
import io.github.minidl.layers.data.DataLoaderOptions;
import io.github.minidl.layers.data.TensorDataset;
import io.github.minidl.layers.loss.MSELoss;
import io.github.minidl.layers.optim.Adam;
import io.github.minidl.layers.optim.AdamOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ConvAutoencoder} on Fashion-MNIST with Adam and the mean squared error between
 * input and reconstruction (pixels in [0, 1]), reports the test MSE per pixel after each epoch,
 * and draws test originals above their reconstructions.
 */
public final class AutoencoderTraining {
    private static final Logger log = LoggerFactory.getLogger(AutoencoderTraining.class);
    private static final int EVAL_BATCH = 500;

    private final AutoencoderOptions options;
    private final ConvAutoencoder model;

    /** A fresh model, initialised from options.seed(). */
    public AutoencoderTraining(AutoencoderOptions options) {
        this.options = options;
        Init.manualSeed(options.seed());
        this.model = new ConvAutoencoder(options.decoder());
    }

    /** The model being trained. */
    public ConvAutoencoder model() {
        return model;
    }

    /** Trains on data.train(), evaluates on data.test() and writes the pictures into out. */
    public AutoencoderResult run(FashionMnist data, Path out) throws IOException {
        LabelledImages train = limited(data.train());
        LabelledImages test = limited(data.test());
        DataLoader loader = new DataLoader(new TensorDataset(train.features(), train.labelArray()),
                DataLoaderOptions.batchSize(options.batchSize()).shuffle(options.seed()));
        INDArray testImages = test.features();
        Adam adam = new Adam(model.parameters(), AdamOptions.lr(options.lr()));
        MSELoss mse = new MSELoss();
        log.info("autoencoder: {} parameters, {} training and {} test images, {} epochs of {} steps",
                model.trainableParameterCount(), train.size(), test.size(), options.epochs(), loader.batchesPerEpoch());
        List<Double> trainMse = new ArrayList<>();
        List<Double> testMse = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            double sum = 0;
            long seen = 0;
            model.train();
            try (ProgressBar bar = progressBar(epoch, train.size())) {
                for (Batch b : loader) {
                    // The input is its own target.
                    double value;
                    int n = b.size();
                    try (b; MemoryScope scope = MemoryScope.open()) {
                        Tensor x = Tensor.of(b.inputs());
                        Tensor loss = mse.forward(model.forward(x), x);
                        value = DivergenceGuard.check(loss.item(), "loss", String.format(Locale.ROOT,
                                "at epoch %d, image %d", epoch, seen + 1), options.lr());
                        adam.zeroGrad();
                        loss.backward();
                        adam.step();
                    }
                    sum += value * n;
                    seen += n;
                    bar.stepBy(n);
                    bar.setExtraMessage(String.format(Locale.ROOT, " mse %.4f", sum / seen));
                }
            }
            seconds.add((System.nanoTime() - start) / 1e9);
            trainMse.add(sum / seen);
            testMse.add(DivergenceGuard.check(testMse(testImages), "test MSE",
                    String.format(Locale.ROOT, "after epoch %d", epoch), options.lr()));
            log.info(String.format(Locale.ROOT, "epoch %d/%d: train MSE %.5f, test MSE %.5f per pixel, %.1f s (%.0f images/s)",
                    epoch, options.epochs(), trainMse.get(epoch - 1), testMse.get(epoch - 1), seconds.get(epoch - 1),
                    train.size() / seconds.get(epoch - 1)));
        }
        Path grid = drawReconstructions(test, out.resolve("reconstructions.png"));
        Path curve = new LineChart("Autoencoder: mean squared error per pixel", "epoch", "MSE")
                .series("train", toArray(trainMse))
                .series("test", toArray(testMse))
                .writePng(out.resolve("loss.png"));
        return new AutoencoderResult(trainMse, testMse, seconds, grid, curve);
    }

    /** Mean squared error per pixel of the model on the images [N, 1, 28, 28], without recording a graph. */
    public double testMse(INDArray images) {
        model.eval();
        double sum = 0;
        long n = images.size(0);
        try (GradMode ignored = Tensor.noGrad()) {
            for (long from = 0; from < n; from += EVAL_BATCH) {
                long to = Math.min(n, from + EVAL_BATCH);
                INDArray x = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all()).dup();
                // x and the difference are freed here, not left to the collector: a test pass
                // would otherwise leave 4.7 MB of native memory per batch behind.
                try (MemoryScope scope = MemoryScope.open()) {
                    INDArray diff = model.forward(Tensor.of(x)).data().sub(x);
                    diff.muli(diff);
                    sum += diff.sumNumber().doubleValue();
                    NativeMemory.free(diff);
                } finally {
                    NativeMemory.free(x);
                }
            }
        } finally {
            model.train();
        }
        return sum / (n * images.size(1) * images.size(2) * images.size(3));
    }

    /** One test image of each class (as far as there are), originals above reconstructions. */
    private Path drawReconstructions(LabelledImages test, Path file) throws IOException {
        List<Integer> picked = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int[] labels = test.labels();
        for (int cls = 0; cls < FashionMnist.CLASSES; cls++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cls) {
                    picked.add(i);
                    captions.add(FashionMnist.className(cls));
                    break;
                }
            }
        }
        INDArray originals = test.select(picked.stream().mapToInt(Integer::intValue).toArray()).features();
        INDArray reconstructions;
        model.eval();
        try (GradMode ignored = Tensor.noGrad()) {
            reconstructions = model.forward(Tensor.of(originals)).data();
        } finally {
            model.train();
        }
        return new ImageGrid().scale(3).title("Test images (top) and their reconstructions (bottom)")
                .row(originals, captions).row(reconstructions).writePng(file);
    }

    private LabelledImages limited(LabelledImages images) {
        return options.limit() > 0 ? images.head(options.limit()) : images;
    }

    private static ProgressBar progressBar(int epoch, int images) {
        return new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(images)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed().setUpdateIntervalMillis(500)
                .build();
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
