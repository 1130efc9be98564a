/** Test helpers shared by every module (published as the core test-jar): the PyTorch golden
 *  cases, array comparison with a useful failure message, seeded random arrays. */
package io.github.minidl.testing;
