package io.github.minidl.examples.train;

/**
 * The settings of a training run that decide its trajectory, plus where it stops.
 *
 * @param model the architecture
 * @param optimizer the optimiser
 * @param epochs total epochs (the cosine learning-rate schedule spans them), positive
 * @param batchSize images per step, positive
 * @param learningRate the initial learning rate, finite and positive
 * @param seed seeds initialisation, shuffling and dropout
 * @param maxSteps stop after this many optimiser steps in total (0: no limit), non-negative
 */
public record TrainConfig(ModelKind model, OptimizerKind optimizer, int epochs, int batchSize, double learningRate,
                          long seed, long maxSteps) {
    /** Checks the ranges. */
    public TrainConfig {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("model and optimizer must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs=" + epochs + " must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be at least 1");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate=" + learningRate + " must be finite and positive");
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps=" + maxSteps + " must be non-negative");
        }
    }
}
