/**
 * Data: datasets of (input, target) samples and a loader that batches them with seeded shuffling.
 *
 * <p>A {@link io.github.minidl.layers.data.Dataset} is indexable;
 * {@link io.github.minidl.layers.data.TensorDataset} wraps two arrays whose first axis is the
 * sample axis. A {@link io.github.minidl.layers.data.DataLoader} cuts an epoch into
 * {@link io.github.minidl.layers.data.Batch}es; the order of epoch {@code e} is a pure function of
 * {@code (seed, e)}, and {@link io.github.minidl.layers.data.LoaderPosition} says where the loader
 * stands, so a run saved mid-epoch resumes on exactly the same batches.
 */
package io.github.minidl.layers.data;
