package io.github.minidl.examples.views;

import java.io.IOException;

/**
 * One part of the walkthrough, under its title: prints what it shows through the
 * {@link Walkthrough}, records each agreement it claims with {@link Walkthrough#agree}, and draws
 * pictures with {@link Walkthrough#heatMap}. New views (for example the channel-dependency map of
 * a group convolution read off autograd) are added as further sections.
 */
public abstract class Section {
    private final String title;

    /** A section printed under {@code title}. */
    protected Section(String title) {
        this.title = title;
    }

    /** The heading printed above the section. */
    public final String title() {
        return title;
    }

    /** Prints, checks and draws this section. */
    public abstract void run(Walkthrough w) throws IOException;
}
