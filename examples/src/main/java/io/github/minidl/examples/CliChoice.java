package io.github.minidl.examples;

import java.util.Locale;

/**
 * An enum whose constants are chosen on the command line by their lower-case names, as in
 * {@code --model separable}; the command line reads them back ignoring case.
 */
public interface CliChoice {
    /** The constant's Java name, as {@link Enum#name()} gives it. */
    String name();

    /** The lower-case name used on the command line, e.g. {@code separable}. */
    default String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
