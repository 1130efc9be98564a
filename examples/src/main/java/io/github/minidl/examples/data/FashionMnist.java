package io.github.minidl.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28×28 grey-scale pictures of clothing in 10
 * classes. {@link #shipped()} loads the balanced subset packed with the examples (10,000 training
 * and 2,000 test images); {@link #fromDirectory(Path)} loads the full set (60,000 + 10,000) from
 * the four standard files, gzipped or not.
 */
public final class FashionMnist {
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Image height and width. */
    public static final int SIDE = 28;
    /** Where {@code apt-get install dataset-fashion-mnist} puts the full data set. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** Standard file names, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Standard file names, without the optional {@code .gz}. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Standard file names, without the optional {@code .gz}. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Standard file names, without the optional {@code .gz}. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    static final String RESOURCE_DIRECTORY = "/fashion-mnist/";

    private final LabelledImages train;
    private final LabelledImages test;
    private final String source;

    private FashionMnist(LabelledImages train, LabelledImages test, String source) {
        this.train = train;
        this.test = test;
        this.source = source;
    }

    /** The subset shipped on the classpath: 1,000 training and 200 test images per class. */
    public static FashionMnist shipped() throws IOException {
        LabelledImages train = resource(TRAIN_IMAGES, TRAIN_LABELS);
        LabelledImages test = resource(TEST_IMAGES, TEST_LABELS);
        return checked(train, test, "the shipped Fashion-MNIST subset");
    }

    /**
     * The data set in {@code dir}, which holds the four standard files, each either plain or
     * gzipped ({@code .gz}).
     */
    public static FashionMnist fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(String.format(
                    "data directory %s %s", dir, Files.exists(dir) ? "is not a directory" : "does not exist"));
        }
        LabelledImages train = IdxReader.readLabelled(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS));
        LabelledImages test = IdxReader.readLabelled(find(dir, TEST_IMAGES), find(dir, TEST_LABELS));
        return checked(train, test, dir.toString());
    }

    /** The training split. */
    public LabelledImages train() {
        return train;
    }

    /** The test split. */
    public LabelledImages test() {
        return test;
    }

    /** Where the data came from, for logs. */
    public String source() {
        return source;
    }

    /** The name of a class label in [0, 10). */
    public static String className(int label) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("label=" + label + " must lie in [0, " + CLASSES + ")");
        }
        return CLASS_NAMES.get(label);
    }

    private static Path find(Path dir, String name) {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(String.format(
                "data directory %s has no %s or %s.gz; it needs the four Fashion-MNIST files %s, %s, %s, %s",
                dir, name, name, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS));
    }

    private static LabelledImages resource(String images, String labels) throws IOException {
        String imagesPath = RESOURCE_DIRECTORY + images + ".gz";
        String labelsPath = RESOURCE_DIRECTORY + labels + ".gz";
        try (InputStream x = open(imagesPath); InputStream y = open(labelsPath)) {
            return IdxReader.readLabelled(x, "classpath:" + imagesPath, y, "classpath:" + labelsPath);
        }
    }

    private static InputStream open(String path) {
        InputStream in = FashionMnist.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("resource " + path + " is missing from the classpath; rebuild the examples");
        }
        return in;
    }

    private static FashionMnist checked(LabelledImages train, LabelledImages test, String source) {
        for (LabelledImages split : List.of(train, test)) {
            if (split.size() == 0) {
                throw new IdxFormatException(String.format(
                        "%s: the %s split holds no images; training and evaluation need at least one each",
                        source, split == train ? "training" : "test"));
            }
            IdxImages x = split.images();
            if (x.rows() != SIDE || x.cols() != SIDE) {
                throw new IdxFormatException(String.format(
                        "%s: images are %dx%d; Fashion-MNIST images are %dx%d",
                        source, x.rows(), x.cols(), SIDE, SIDE));
            }
            for (int i = 0; i < split.size(); i++) {
                int label = split.labels()[i];
                if (label >= CLASSES) {
                    throw new IdxFormatException(String.format(
                            "%s: label %d at index %d; Fashion-MNIST labels lie in [0, %d)",
                            source, label, i, CLASSES));
                }
            }
        }
        return new FashionMnist(train, test, source);
    }
}
