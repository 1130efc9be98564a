package io.github.minidl.examples.data;

import io.github.minidl.examples.Minidl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Draws the Fashion-MNIST subset that ships with the examples: from the full data set, a fixed
 * number of images per class, chosen by a seeded shuffle of each class's indices and kept in their
 * original order; written as gzipped IDX files under the standard names. Run on demand:
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl examples exec:java -Dexec.mainClass=io.github.minidl.examples.data.MakeSubset
 * </pre>
 */
@Command(name = "make-subset", mixinStandardHelpOptions = true,
        description = "Draws a balanced, seeded subset of Fashion-MNIST and writes it as gzipped IDX files.")
public final class MakeSubset implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", paramLabel = "DIR", description = "Directory with the full data set (default: ${DEFAULT-VALUE}).")
    private Path source = FashionMnist.SYSTEM_DIRECTORY;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the subset (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("examples/src/main/resources/fashion-mnist");

    @Option(names = "--train-per-class", description = "Training images per class (default: ${DEFAULT-VALUE}).")
    private int trainPerClass = 1000;

    @Option(names = "--test-per-class", description = "Test images per class (default: ${DEFAULT-VALUE}).")
    private int testPerClass = 200;

    @Option(names = "--seed", description = "Seed of the shuffle (default: ${DEFAULT-VALUE}).")
    private long seed = 20240101L;

    /** Runs the tool; exit code 0 on success, 1 on a failure, 2 on a bad argument. */
    public static void main(String[] args) {
        System.exit(Minidl.configure(new CommandLine(new MakeSubset())).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FashionMnist full = FashionMnist.fromDirectory(source);
        // One generator for both splits, train first: the whole subset follows from one seed.
        Random random = new Random(seed);
        LabelledImages train = full.train().select(balancedIndices(full.train().labels(), trainPerClass, random));
        LabelledImages test = full.test().select(balancedIndices(full.test().labels(), testPerClass, random));
        IdxWriter.writeImages(out.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), train.images());
        IdxWriter.writeLabels(out.resolve(FashionMnist.TRAIN_LABELS + ".gz"), train.labels());
        IdxWriter.writeImages(out.resolve(FashionMnist.TEST_IMAGES + ".gz"), test.images());
        IdxWriter.writeLabels(out.resolve(FashionMnist.TEST_LABELS + ".gz"), test.labels());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %d training and %d test images to %s (seed %d)%n", train.size(), test.size(), out, seed);
        w.printf("per class: train %s, test %s%n",
                Arrays.toString(train.classCounts(FashionMnist.CLASSES)),
                Arrays.toString(test.classCounts(FashionMnist.CLASSES)));
        w.flush();
        return 0;
    }

    /**
     * perClass indices of every label, each class's indices shuffled by a partial Fisher–Yates
     * shuffle with {@code random}, the chosen ones returned in ascending order.
     */
    static int[] balancedIndices(int[] labels, int perClass, Random random) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass=" + perClass + " must be positive");
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        int[] chosen = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            final int label = c;
            int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            if (members.length < perClass) {
                throw new IllegalArgumentException(String.format(
                        "class %d has %d images, fewer than the %d per class asked for", c, members.length, perClass));
            }
            for (int j = 0; j < perClass; j++) {
                int k = j + random.nextInt(members.length - j);
                int t = members[j];
                members[j] = members[k];
                members[k] = t;
            }
            System.arraycopy(members, 0, chosen, c * perClass, perClass);
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
