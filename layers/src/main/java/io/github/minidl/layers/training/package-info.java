/**
 * Whole-run checkpoints: {@link io.github.minidl.layers.training.Checkpoints} saves and restores
 * model, optimiser, data-loader position, scheduler epoch, step and seed in one file, so a run
 * resumes exactly where it stopped.
 */
package io.github.minidl.layers.training;
