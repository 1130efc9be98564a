package io.github.minidl.examples;

import io.github.minidl.examples.train.ThreadSettings;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code minidl} sub-command shares: the command line it runs in, its output, and the
 * checks of option values, which fail as usage errors (one line on stderr, exit code 2) naming the
 * option, the value and the rule.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Where the command prints its results. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress bars go, beside the results. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error saying {@code message}. */
    protected final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Runs checks of option values, which throw {@link IllegalArgumentException} naming the option;
     * the first failure becomes a usage error with the same message.
     */
    protected final void checkOptions(Runnable checks) {
        try {
            checks.run();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    /** A usage error for a value of a list option that names nothing known: "--only: unknown layer 'x'; known: ...". */
    protected final ParameterException unknownName(String option, String what, String name, Collection<String> known) {
        return usageError(option + ": unknown " + what + " '" + name + "'; known: " + String.join(", ", known));
    }

    /** Checks {@code --threads} when it was given; null leaves the default. */
    protected final void checkThreads(Integer threads) {
        if (threads != null) {
            checkOptions(() -> ThreadSettings.check("--threads", threads));
        }
    }

    /** Whether {@code option} was given on the command line rather than left at its default. */
    protected final boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
