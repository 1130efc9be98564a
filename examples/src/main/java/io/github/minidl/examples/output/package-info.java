/**
 * Where the commands' results go: output directories and files checked before any work starts,
 * written atomically, and locked against a second run using the same place at once.
 */
package io.github.minidl.examples.output;
