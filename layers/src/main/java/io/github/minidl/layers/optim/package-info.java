/**
 * Optimisation: {@link io.github.minidl.layers.optim.SGD}, {@link io.github.minidl.layers.optim.Adam} and
 * {@link io.github.minidl.layers.optim.AdamW} with PyTorch's update formulas, and learning-rate schedules
 * independent of any optimiser.
 *
 * <p>A {@link io.github.minidl.layers.optim.LrSchedule} is a pure function {@code lr(epoch)}
 * ({@link io.github.minidl.layers.optim.StepLR}, {@link io.github.minidl.layers.optim.CosineAnnealingLR});
 * an {@link io.github.minidl.layers.optim.LrScheduler} applies one, epoch by epoch, to anything that
 * {@link io.github.minidl.layers.optim.HasLearningRate}, such as an optimiser. Because the schedule
 * is a function of the epoch alone, resuming a run only needs the epoch number.
 */
package io.github.minidl.layers.optim;
