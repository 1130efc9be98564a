package io.github.minidl.examples.views;

import io.github.minidl.core.geometry.ConvSpec;
import io.github.minidl.examples.plot.HeatMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Section}s in order and gives them what they share: the text output, small seeded
 * integer arrays in float64 (so every printed number is exact), the agreement checks and the
 * picture directory. Integers keep the matrices readable; the views agree to rounding error.
 */
public final class Walkthrough {
    /** Views of the same operation must agree this closely in float64. */
    public static final double TOLERANCE = 1e-12;

    /** The convolution of the shared kernel over the shared input: one channel, 3x3, stride 1, no padding. */
    public static final ConvSpec SPEC = ConvSpec.builder(1, 1, 3).build();

    private static final Logger log = LoggerFactory.getLogger(Walkthrough.class);

    private final PrintWriter out;
    private final Path pictures;
    private final Random random;
    private final INDArray input;
    private final INDArray kernel;
    private final List<Check> checks = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();

    /** A walkthrough printing to out, drawing into the directory pictures, drawing numbers from seed. */
    public Walkthrough(PrintWriter out, Path pictures, long seed) {
        this.out = out;
        this.pictures = pictures;
        this.random = new Random(seed);
        this.input = integers(0, 9, 1, 1, 5, 5);
        this.kernel = integers(-2, 2, 1, 1, 3, 3);
    }

    /** The sections of the tutorial, in reading order. */
    public static List<Section> tutorialSections() {
        return List.of(new ThreeViewsSection(), new TransposedSection(), new VariantsSection(), new PointwiseSection(),
                new ChannelDependencySection());
    }

    /** Runs the sections in order and returns every check they made. */
    public List<Check> run(List<Section> sections) throws IOException {
        Files.createDirectories(pictures);
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            String heading = (i + 1) + ". " + s.title();
            out.println();
            out.println(heading);
            out.println("=".repeat(heading.length()));
            s.run(this);
        }
        out.flush();
        return List.copyOf(checks);
    }

    /** The shared 5x5 input, float64 [1, 1, 5, 5], integers 0..9. */
    public INDArray input() {
        return input.dup();
    }

    /** The shared 3x3 kernel, float64 [1, 1, 3, 3], integers -2..2, not all zero. */
    public INDArray kernel() {
        return kernel.dup();
    }

    /** A float64 array of the shape with seeded integers in [lo, hi], never all zero. */
    public INDArray integers(int lo, int hi, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[(int) n];
        boolean anyNonZero = false;
        while (!anyNonZero) {
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + random.nextInt(hi - lo + 1);
                anyNonZero |= v[i] != 0;
            }
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /** Prints a line. */
    public void println(String line) {
        out.println(line);
    }

    /** Prints a formatted line. */
    public void printf(String format, Object... args) {
        out.printf(format, args);
        out.println();
    }

    /** Prints a labelled matrix (zeros as '.'); arrays of other ranks are printed flattened as one row. */
    public void matrix(String label, INDArray m) {
        long[] shape = m.rank() == 2 ? m.shape() : new long[] {1, m.length()};
        out.printf("%s  [%d x %d]%n", label, shape[0], shape[1]);
        out.print(MatrixText.format(m, 4));
    }

    /**
     * Records and prints that a and b (the same shape) are equal up to {@link #TOLERANCE}:
     * the largest absolute difference, computed in float64.
     */
    public void agree(String what, INDArray a, INDArray b) {
        agree("", what, a, b);
    }

    /** As {@link #agree(String, INDArray, INDArray)}, recorded as "context: what" but printed as "what". */
    public void agree(String context, String what, INDArray a, INDArray b) {
        double diff;
        if (!Arrays.equals(a.shape(), b.shape())) {
            diff = Double.POSITIVE_INFINITY;
            out.printf("  %s: shapes differ, %s vs %s%n", what, Arrays.toString(a.shape()), Arrays.toString(b.shape()));
        } else {
            diff = Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
        }
        Check c = new Check(context.isEmpty() ? what : context + ": " + what, diff, TOLERANCE);
        checks.add(c);
        out.printf("  %-56s max |difference| = %-7s  %s%n", what + ":",
                diff == 0 ? "0" : String.format("%.1e", diff), c.passed() ? "agree" : "DISAGREE");
    }

    /** Draws m as a heat map into the picture directory under fileName. */
    public Path heatMap(String fileName, INDArray m, String title, String rowTitle, String columnTitle) throws IOException {
        Path file = HeatMap.of(m).title(title).axisTitles(rowTitle, columnTitle).writePng(pictures.resolve(fileName));
        written.add(file);
        log.debug("wrote {}", file);
        return file;
    }

    /** The pictures written so far. */
    public List<Path> pictures() {
        return List.copyOf(written);
    }

    /** The checks made so far. */
    public List<Check> checks() {
        return List.copyOf(checks);
    }
}
