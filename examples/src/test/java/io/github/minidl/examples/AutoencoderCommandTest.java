package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.examples.autoencoder.AutoencoderOptions;
import io.github.minidl.examples.autoencoder.AutoencoderResult;
import io.github.minidl.examples.autoencoder.AutoencoderTraining;
import io.github.minidl.examples.autoencoder.ConvAutoencoder;
import io.github.minidl.examples.autoencoder.DecoderKind;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.train.ThreadSettings;
import io.github.minidl.layers.Summary;
import io.github.minidl.layers.SummaryRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

@Timeout(120) // runs worker threads: a hang fails the test instead of the build
class AutoencoderCommandTest {
    @TempDir
    Path dir;

    @Test
    void shapesGoDownToSevenBySevenAndBackUp() {
        ConvAutoencoder m = new ConvAutoencoder();
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28));
        assertEquals("[2, 32, 7, 7]", java.util.Arrays.toString(m.encode(x).shape()));
        Tensor y = m.forward(x);
        assertEquals("[2, 1, 28, 28]", java.util.Arrays.toString(y.shape()));
        assertTrue(y.data().minNumber().doubleValue() > 0 && y.data().maxNumber().doubleValue() < 1, "sigmoid output");
    }

    @Test
    void theUpsampleDecoderHasTheSameShapesAndParameterCount() {
        ConvAutoencoder up = new ConvAutoencoder(DecoderKind.UPSAMPLE);
        Tensor y = up.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28)));
        assertEquals("[2, 1, 28, 28]", java.util.Arrays.toString(y.shape()));
        assertEquals(new ConvAutoencoder().trainableParameterCount(), up.trainableParameterCount());
        Summary s = Summary.of(up, 1, 1, 28, 28);
        assertEquals(List.of("Upsample nearest", "Conv2d 3x3 p1"), s.rows().stream()
                .filter(r -> r.name().equals("decoder.0") || r.name().equals("decoder.1")).map(SummaryRow::type).toList());
    }

    @Test
    void threadsSetNd4jsThreadsTooAsInTrain() {
        int before = Threads.count();
        try {
            Run r = Run.of("autoencoder", "--limit", "32", "--epochs", "1", "--batch-size", "32", "--threads", "1",
                    "--out", dir.resolve("one-thread").toString());
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(1, Threads.count(), "minidl's workers");
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "ND4J's native ops");
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "ND4J's BLAS");
        } finally {
            ThreadSettings.apply(before);
        }
    }

    @Test
    void commandTrainsTheUpsampleDecoder() throws IOException {
        Path out = dir.resolve("up");
        Run r = Run.of("autoencoder", "--decoder", "upsample", "--limit", "64", "--epochs", "1", "--batch-size", "32",
                "--threads", "2", "--seed", "5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("test MSE per pixel: (\\d\\.\\d{5}).*\\(upsample decoder\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double mse = Double.parseDouble(m.group(1));
        assertTrue(mse > 0 && mse < 0.25, "pixels lie in [0, 1]: " + mse);
        assertTrue(Files.size(out.resolve("reconstructions.png")) > 0);
        assertUsage(Run.of("autoencoder", "--decoder", "bilinear"), "'bilinear' is not a decoder; expected transposed or upsample");
    }

    @Test
    void aFewStepsLowerTheTestError() throws IOException {
        FashionMnist data = FashionMnist.shipped();
        AutoencoderTraining t = new AutoencoderTraining(new AutoencoderOptions(2, 16, 2e-3, 3, 160));
        double before = t.testMse(data.test().head(160).features());
        AutoencoderResult r = t.run(data, dir);
        assertTrue(r.finalTestMse() < 0.8 * before, "test MSE " + before + " -> " + r.testMse());
        assertTrue(r.trainMse().get(1) < r.trainMse().get(0), "train MSE " + r.trainMse());
    }

    @Test
    void commandReportsTheTestErrorAndWritesThePictures() throws IOException {
        Path out = dir.resolve("ae");
        Run r = Run.of("autoencoder", "--limit", "96", "--epochs", "1", "--batch-size", "32", "--threads", "2",
                "--seed", "5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("test MSE per pixel: (\\d\\.\\d{5})").matcher(r.out());
        assertTrue(m.find(), r.out());
        double mse = Double.parseDouble(m.group(1));
        assertTrue(mse > 0 && mse < 0.25, "pixels lie in [0, 1]: " + mse);
        BufferedImage grid = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertNotNull(grid);
        // Two rows of 28x28 images drawn at scale 3, one image per class side by side.
        assertTrue(grid.getHeight() >= 2 * 84 && grid.getWidth() > 10 * 84, grid.getWidth() + "x" + grid.getHeight());
        assertTrue(Files.size(out.resolve("loss.png")) > 0);
    }

    /** One step at lr 1e20 keeps the training loss finite but leaves NaN weights: the test MSE shows it. */
    @Test
    void divergenceStopsTheRunWithExitCodeOneAndNoPictures() {
        Path out = dir.resolve("ae");
        // 1e20: at 1e10 whether the float32 activations overflow into inf - inf (NaN) or saturate
        // the decoder's sigmoid depends on the kernels' summation order.
        Run r = Run.of("autoencoder", "--lr", "1e20", "--limit", "64", "--epochs", "1", "--batch-size", "64",
                "--threads", "2", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.toString());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("minidl autoencoder: error: the test MSE became NaN after epoch 1")
                && last.contains("Try a smaller --lr"), last);
        MinidlTest.assertNoStackTrace(r);
        assertTrue(!Files.exists(out.resolve("reconstructions.png")), "no pictures of a diverged model");
    }

    @Test
    void badOptionsAreOneLine() throws IOException {
        assertUsage(Run.of("autoencoder", "--epochs", "0"), "--epochs=0 must be at least 1");
        assertUsage(Run.of("autoencoder", "--lr", "-1"), "--lr=-1.0 must be a positive number");
        assertUsage(Run.of("autoencoder", "--batch-size", "x"), "'x' is not an int");
        assertUsage(Run.of("autoencoder", "--threads", "0"), "--threads=0 must lie in [1, ");
        assertUsage(Run.of("autoencoder", "--threads", "2147483647"), "--threads=2147483647 must lie in [1, ");
        Run missing = Run.of("autoencoder", "--data", dir.resolve("nowhere").toString(), "--out", dir.toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertEquals(1, missing.errLines(), missing.toString());
        assertTrue(missing.err().contains("nowhere"), missing.toString());
        MinidlTest.assertNoStackTrace(missing);
    }

    private static void assertUsage(Run r, String expected) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        MinidlTest.assertNoStackTrace(r);
    }
}
