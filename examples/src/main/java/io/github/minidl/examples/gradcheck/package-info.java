/** Gradient checks of every layer type of minidl, run by {@code minidl gradcheck}: the cases and the checker. */
package io.github.minidl.examples.gradcheck;
