package io.github.minidl.examples;

import io.github.minidl.core.kernels.ConvEngines;
import io.github.minidl.examples.autoencoder.DecoderKind;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.examples.train.OptimizerKind;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code minidl} command: one entry point whose sub-commands train small networks and show
 * what the convolution family does. Exit codes: 0 success, 1 failure while running, 2 bad
 * command line.
 */
@Command(name = "minidl", mixinStandardHelpOptions = true, version = "minidl 0.1.0",
        description = "Small convolutional networks on the JVM: see and train the convolution family.",
        subcommands = {TrainCommand.class, SummaryCommand.class, ViewsCommand.class, ReceptiveFieldCommand.class,
            GradCheckCommand.class, AutoencoderCommand.class,
            BenchCommand.class, HelpCommand.class})
public final class Minidl implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Sets {@value ConvEngines#PROPERTY} before any kernel runs; the engine is chosen at the first convolution. */
    @Option(names = "--engine", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Engine for float32 convolutions: auto (oneDNN when it loads, else minidl's own kernels),"
                    + " own or onednn (default: the minidl.engine system property, else auto).")
    void engine(String name) {
        String value = name.trim().toLowerCase(Locale.ROOT);
        if (!ConvEngines.CHOICES.contains(value)) {
            throw new ParameterException(spec.commandLine(), "--engine=" + name + " must be one of "
                    + String.join(", ", ConvEngines.CHOICES));
        }
        System.setProperty(ConvEngines.PROPERTY, value);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        // Charts and image grids are drawn off-screen; set before anything touches AWT.
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = configure(new CommandLine(new Minidl()));
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Installs the one-line error handlers and the readers of the {@link CliChoice} options on a
     * command line and its sub-commands.
     */
    public static CommandLine configure(CommandLine cli) {
        cli.setParameterExceptionHandler(CliErrors::onBadArguments);
        cli.setExecutionExceptionHandler(CliErrors::onFailure);
        cli.registerConverter(ModelKind.class, new ChoiceConverter<>(ModelKind.class, "a model"));
        cli.registerConverter(OptimizerKind.class, new ChoiceConverter<>(OptimizerKind.class, "an optimizer"));
        cli.registerConverter(DecoderKind.class, new ChoiceConverter<>(DecoderKind.class, "a decoder"));
        return cli;
    }

    /** Without a sub-command: the usage on stderr and exit code 2. */
    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        cli.getErr().println("minidl: missing sub-command");
        cli.usage(cli.getErr());
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }
}
