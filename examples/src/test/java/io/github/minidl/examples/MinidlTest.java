package io.github.minidl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class MinidlTest {
    /** Every registered sub-command, so a new one is covered as soon as it is added. */
    static Stream<String> subcommands() {
        return new CommandLine(new Minidl()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("subcommands")
    void everySubcommandHasHelp(String name) {
        Run r = Run.of(name, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Usage:"), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        Run r = Run.of("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String name : List.of("views", "receptive-field")) {
            assertTrue(r.out().contains(name), r.toString());
        }
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        Run r = Run.of("views", "--no-such-option");
        assertUsageError(r, "Unknown option: '--no-such-option'");
        assertTrue(r.err().contains("minidl views --help"), r.toString());
    }

    @Test
    void badValueIsOneLineAndExitCodeTwo() {
        assertUsageError(Run.of("views", "--seed", "abc"), "'abc' is not a long");
        assertUsageError(Run.of("receptive-field", "--stack", "3,x2"), "'x2' is not a layer");
        assertUsageError(Run.of("receptive-field", "--stack", "0s2"), "kernel=0");
        assertUsageError(Run.of("receptive-field", "--channels", "0"), "--channels=0 must be positive");
    }

    @Test
    void unknownSubcommandIsOneLine() {
        assertUsageError(Run.of("no-such-command"), "no-such-command");
    }

    @Test
    void noSubcommandPrintsUsageAndExitCodeTwo() {
        Run r = Run.of();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("missing sub-command") && r.err().contains("Usage:"), r.toString());
    }

    private static void assertUsageError(Run r, String expected) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.errLines(), "exactly one line on stderr: " + r);
        assertTrue(r.err().contains(expected), r.toString());
        assertNoStackTrace(r);
    }

    static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r);
    }
}
