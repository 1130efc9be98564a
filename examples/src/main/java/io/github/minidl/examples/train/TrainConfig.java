package io.github.minidl.examples.train;

import io.github.minidl.core.RangeChecks;
import io.github.minidl.layers.optim.CosineAnnealingLR;
import io.github.minidl.layers.optim.LrSchedule;
import io.github.minidl.layers.optim.SequentialLR;

/**
 * The settings of a training run that decide its trajectory, plus where it stops.
 *
 * @param model the architecture
 * @param optimizer the optimiser
 * @param epochs total epochs (the learning-rate schedule spans them), positive
 * @param batchSize images per step, positive
 * @param learningRate the initial learning rate, finite and positive
 * @param seed seeds initialisation, shuffling and dropout
 * @param maxSteps stop after this many optimiser steps in total (0: no limit), non-negative
 * @param warmupEpochs epochs of linear warm-up before the cosine schedule, in [0, epochs)
 */
public record TrainConfig(ModelKind model, OptimizerKind optimizer, int epochs, int batchSize, double learningRate,
                          long seed, long maxSteps, int warmupEpochs) {
    /** Checks the ranges. */
    public TrainConfig {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("model and optimizer must not be null");
        }
        RangeChecks.atLeast("epochs", epochs, 1);
        RangeChecks.atLeast("batchSize", batchSize, 1);
        RangeChecks.finitePositive("learningRate", learningRate);
        RangeChecks.nonNegative("maxSteps", maxSteps);
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warmupEpochs=" + warmupEpochs + " must lie in [0, epochs=" + epochs
                    + ")");
        }
    }

    /**
     * The learning-rate schedule: cosine annealing to 0 over the epochs after the warm-up; a
     * warm-up of N epochs (PyTorch's LinearLR, start factor 1/(N + 1), in a SequentialLR) runs
     * epoch k at lr·(k + 1)/(N + 1).
     */
    public LrSchedule schedule() {
        CosineAnnealingLR cosine = new CosineAnnealingLR(epochs - warmupEpochs, 0);
        return warmupEpochs == 0 ? cosine : SequentialLR.withWarmup(1.0 / (warmupEpochs + 1), warmupEpochs, cosine);
    }

    /** The schedule in words, e.g. {@code 2-epoch linear warm-up, then cosine schedule}. */
    public String describeSchedule() {
        return warmupEpochs == 0 ? "cosine schedule" : warmupEpochs + "-epoch linear warm-up, then cosine schedule";
    }
}
