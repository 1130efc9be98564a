/**
 * The {@code minidl} command line: {@link io.github.minidl.examples.Minidl} and its sub-commands.
 * Every failure ends as one line on stderr and a non-zero exit code, never a stack trace.
 */
package io.github.minidl.examples;
