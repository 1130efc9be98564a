package io.github.minidl.examples;

import io.github.minidl.examples.views.Check;
import io.github.minidl.examples.views.Walkthrough;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl views}: the three views of a convolution and of its transpose, and the channel
 * dependencies of a group convolution, printed, checked and drawn.
 */
@Command(name = "views", mixinStandardHelpOptions = true,
        description = {
            "Shows one convolution three ways (sliding window, im2col, convolution matrix C) on a 5x5 input",
            "and a 3x3 kernel, the transposed convolution as C^T, the same with stride 2, dilation 2 and",
            "groups 2, a 1x1 convolution as a matrix product over channels, and the",
            "channel-dependency map of a group convolution read off autograd, before and",
            "after a channel shuffle. Checks that all views agree and writes C, C^T and",
            "the dependency maps as PNG heat maps."})
final class ViewsCommand extends CliCommand {
    private static final Logger log = LoggerFactory.getLogger(ViewsCommand.class);

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the pictures (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("out", "views");

    @Option(names = "--seed", description = "Seed of the small integer inputs and kernels (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out=" + out + " is a file; it must be a directory");
        }
        PrintWriter text = out();
        Walkthrough walkthrough = new Walkthrough(text, out, seed);
        List<Check> checks = walkthrough.run(Walkthrough.tutorialSections());
        long failed = checks.stream().filter(c -> !c.passed()).count();
        double worst = checks.stream().mapToDouble(Check::maxDifference).max().orElse(0);
        text.println();
        text.printf("%d checks, largest difference %.1e (tolerance %.0e)%n", checks.size(), worst, Walkthrough.TOLERANCE);
        text.flush();
        log.info("wrote {} pictures to {}: {}", walkthrough.pictures().size(), out,
                walkthrough.pictures().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + checks.size() + " views disagree; see the table above");
        }
        return 0;
    }
}
