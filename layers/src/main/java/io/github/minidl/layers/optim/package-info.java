/**
 * Optimisation: {@link io.github.minidl.layers.optim.SGD}, {@link io.github.minidl.layers.optim.Adam},
 * {@link io.github.minidl.layers.optim.AdamW}, {@link io.github.minidl.layers.optim.RMSprop} and
 * {@link io.github.minidl.layers.optim.Adagrad} with PyTorch's update formulas (each can maximize),
 * and learning-rate schedules independent of any optimiser.
 *
 * <p>A {@link io.github.minidl.layers.optim.LrSchedule} is a pure function {@code lr(epoch, initialLr)}
 * ({@link io.github.minidl.layers.optim.StepLR}, {@link io.github.minidl.layers.optim.MultiStepLR},
 * {@link io.github.minidl.layers.optim.ExponentialLR}, {@link io.github.minidl.layers.optim.LinearLR},
 * {@link io.github.minidl.layers.optim.CosineAnnealingLR}, {@link io.github.minidl.layers.optim.OneCycleLR},
 * {@link io.github.minidl.layers.optim.SequentialLR}); an {@link io.github.minidl.layers.optim.LrScheduler}
 * applies one, epoch by epoch, to anything that {@link io.github.minidl.layers.optim.HasLearningRate},
 * such as an optimiser, starting from that optimiser's rate as PyTorch does. Because the schedule
 * is a function of the epoch alone, resuming a run only needs the epoch number. Most schedules are
 * a {@link io.github.minidl.layers.optim.RecursiveSchedule}: PyTorch's step from one epoch's rate
 * to the next, iterated from epoch 0 so that rates round as PyTorch's do.
 * {@link io.github.minidl.layers.optim.ReduceLROnPlateau} instead follows a metric.
 */
package io.github.minidl.layers.optim;
