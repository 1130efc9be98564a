/**
 * Headless PNG pictures: {@link io.github.minidl.examples.plot.LineChart} for training curves
 * (XChart), {@link io.github.minidl.examples.plot.ImageGrid} for rows of images,
 * {@link io.github.minidl.examples.plot.HeatMap} for matrices such as the convolution matrix C and
 * {@link io.github.minidl.examples.plot.ConfusionMatrixPlot}. Every file is written next to its
 * target and renamed into place.
 */
package io.github.minidl.examples.plot;
