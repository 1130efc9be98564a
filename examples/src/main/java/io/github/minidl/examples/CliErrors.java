package io.github.minidl.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns command-line and run-time failures into one line on stderr and an exit code. */
final class CliErrors {
    private static final Logger log = LoggerFactory.getLogger(CliErrors.class);

    private CliErrors() {
    }

    /** A bad command line: "minidl views: Unknown option: '--x' (see 'minidl views --help')", exit 2. */
    static int onBadArguments(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String name = cli.getCommandSpec().qualifiedName();
        cli.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        cli.getErr().flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A failure while running: "minidl views: error: ...", exit 1; the stack trace goes to the DEBUG log only. */
    static int onFailure(Exception e, CommandLine cli, ParseResult parsed) {
        log.debug("{} failed", cli.getCommandSpec().qualifiedName(), e);
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": error: " + describe(e));
        cli.getErr().flush();
        return cli.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The message a user can act on, without the exception's plumbing. */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage();
        if (t instanceof NoSuchFileException) {
            return "no such file or directory: " + oneLine(message);
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + oneLine(message);
        }
        if (t instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + oneLine(message);
        }
        if (t instanceof NotDirectoryException) {
            return "not a directory: " + oneLine(message);
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException || t instanceof IOException) {
            return oneLine(message);
        }
        // Anything else is unexpected: name its type so the report is useful.
        return t.getClass().getSimpleName() + ": " + oneLine(message);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
