/**
 * Fashion-MNIST from its IDX files: {@link io.github.minidl.examples.data.IdxReader} checks every
 * header against the bytes that actually follow before allocating, and
 * {@link io.github.minidl.examples.data.FashionMnist} loads the subset shipped on the classpath or
 * the full set from a directory.
 */
package io.github.minidl.examples.data;
