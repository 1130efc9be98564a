package io.github.minidl.examples.views;

import java.io.IOException;

/**
 * One part of the walkthrough: prints what it shows through the {@link Walkthrough}, records each
 * agreement it claims with {@link Walkthrough#agree}, and draws pictures with
 * {@link Walkthrough#heatMap}. New views (for example the channel-dependency map of a group
 * convolution read off autograd) are added as further sections.
 */
public interface Section {
    /** The heading printed above the section. */
    String title();

    /** Prints, checks and draws this section. */
    void run(Walkthrough w) throws IOException;
}
