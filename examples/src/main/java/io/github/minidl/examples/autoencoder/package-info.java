/** A convolutional autoencoder on Fashion-MNIST: strided convolutions down, transposed convolutions up. */
package io.github.minidl.examples.autoencoder;
