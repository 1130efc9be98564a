package io.github.minidl.examples.autoencoder;

import java.nio.file.Path;
import java.util.List;

/**
 * What an autoencoder run measured and wrote.
 *
 * @param trainMse        mean squared error per pixel over each epoch's training steps
 * @param testMse         mean squared error per pixel on the test images after each epoch
 * @param epochSeconds    wall-clock seconds of each epoch's training
 * @param reconstructions PNG of test originals above their reconstructions
 * @param curve           PNG of the train and test MSE per epoch
 */
public record AutoencoderResult(List<Double> trainMse, List<Double> testMse, List<Double> epochSeconds,
                                Path reconstructions, Path curve) {
    public AutoencoderResult {
        trainMse = List.copyOf(trainMse);
        testMse = List.copyOf(testMse);
        epochSeconds = List.copyOf(epochSeconds);
    }

    /** The test MSE per pixel after the last epoch. */
    public double finalTestMse() {
        return testMse.get(testMse.size() - 1);
    }
}
