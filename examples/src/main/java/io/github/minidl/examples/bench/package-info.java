/** Benchmarks of minidl's convolutions beside ND4J's built-in ops, measured in the same JVM:
 *  the {@code minidl bench} table and the JMH suite ({@link io.github.minidl.examples.bench.ConvBenchmark}). */
package io.github.minidl.examples.bench;
