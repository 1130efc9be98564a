package io.github.minidl.layers.checkpoint;

import static io.github.minidl.layers.checkpoint.MetadataValues.intValue;
import static io.github.minidl.layers.checkpoint.MetadataValues.longValue;

import io.github.minidl.layers.data.LoaderPosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training run stands, besides the model and optimiser: the loader's next batch, the
 * scheduler's epoch, the global step and the seed the run was started with.
 *
 * @param loaderPosition the next batch the data loader yields
 * @param schedulerEpoch the learning-rate scheduler's epoch (0 without a scheduler)
 * @param step optimiser steps taken so far
 * @param seed the run's seed ({@link io.github.minidl.core.Init#manualSeed} and the loader's shuffling)
 */
public record TrainingState(LoaderPosition loaderPosition, int schedulerEpoch, long step, long seed) {
    static final String SCHEDULER_EPOCH = "scheduler.epoch";
    static final String STEP = "step";
    static final String SEED = "seed";

    /** Rejects nulls and negative counters. */
    public TrainingState {
        if (loaderPosition == null) {
            throw new IllegalArgumentException("loaderPosition must not be null");
        }
        if (schedulerEpoch < 0) {
            throw new IllegalArgumentException("schedulerEpoch=" + schedulerEpoch + " must be non-negative");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step=" + step + " must be non-negative");
        }
    }

    /** The fields as checkpoint metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>(loaderPosition.toMetadata());
        m.put(SCHEDULER_EPOCH, Integer.toString(schedulerEpoch));
        m.put(STEP, Long.toString(step));
        m.put(SEED, Long.toString(seed));
        return m;
    }

    /**
     * Reads the fields written by {@link #toMetadata()}.
     *
     * @throws IllegalArgumentException naming a missing or malformed key
     */
    public static TrainingState fromMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            throw new IllegalArgumentException("metadata must not be null");
        }
        return new TrainingState(LoaderPosition.fromMetadata(metadata), intValue(metadata, SCHEDULER_EPOCH),
                longValue(metadata, STEP), longValue(metadata, SEED));
    }
}
