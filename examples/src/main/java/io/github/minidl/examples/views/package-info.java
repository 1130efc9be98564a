/**
 * The tutorial's walkthrough of one convolution as a program: a sequence of
 * {@link io.github.minidl.examples.views.Section}s run by a {@link io.github.minidl.examples.views.Walkthrough},
 * each printing its matrices, checking that different views of the same operation agree, and
 * drawing heat maps.
 */
package io.github.minidl.examples.views;
