/**
 * Training a small CNN classifier on Fashion-MNIST: the three example models, the training loop
 * with progress, evaluation and confusion matrix, whole-run checkpoints for exact resume, and the
 * pictures of a run.
 */
package io.github.minidl.examples.train;
