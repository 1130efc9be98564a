package io.github.minidl.examples;

import io.github.minidl.core.RangeChecks;
import io.github.minidl.core.kernels.Threads;
import io.github.minidl.examples.data.FashionMnist;
import io.github.minidl.examples.data.LabelledImages;
import io.github.minidl.examples.output.OutputFiles;
import io.github.minidl.examples.output.OutputLock;
import io.github.minidl.examples.train.ConfusionMatrix;
import io.github.minidl.examples.train.DivergenceException;
import io.github.minidl.examples.train.EpochProgress;
import io.github.minidl.examples.train.EpochResult;
import io.github.minidl.examples.train.FashionTensors;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.examples.train.OptimizerKind;
import io.github.minidl.examples.train.RunCheckpoint;
import io.github.minidl.examples.train.RunPictures;
import io.github.minidl.examples.train.ThreadSettings;
import io.github.minidl.examples.train.TrainConfig;
import io.github.minidl.examples.train.TrainingRun;
import io.github.minidl.layers.Summary;
import io.github.minidl.layers.data.TensorDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minidl train}: trains a small CNN classifier on Fashion-MNIST, with a progress bar per
 * epoch, the test accuracy after each, curves and a confusion matrix at the end, and optional
 * whole-run checkpoints for an exact resume.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a small CNN classifier on Fashion-MNIST.",
            "Uses the shipped 10,000/2,000 subset unless --data is given; prints the model summary, a progress",
            "bar per epoch, the test accuracy after each epoch, and writes loss.png, accuracy.png,",
            "confusion.png, confusion.txt and history.csv to --out.",
            "Runs are reproducible: the same --seed and --threads give the same losses bit for bit."})
final class TrainCommand extends CliCommand {
    private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

    @Option(names = "--model", paramLabel = "KIND",
            description = "standard, separable or dilated (default: standard).")
    private ModelKind model = ModelKind.STANDARD;

    @Option(names = "--epochs", description = "Epochs in total (default: ${DEFAULT-VALUE}).")
    private int epochs = 2;

    @Option(names = "--batch-size", description = "Images per step (default: ${DEFAULT-VALUE}).")
    private int batchSize = 128;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, adam or adamw (default: adam).")
    private OptimizerKind optimizer = OptimizerKind.ADAM;

    @Option(names = "--lr", description = "Initial learning rate, annealed to 0 by a cosine schedule over the epochs "
            + "(default: 0.001 for adam/adamw, 0.05 for sgd).")
    private Double lr;

    @Option(names = "--warmup-epochs", paramLabel = "N", description = "Raise the rate linearly over the first N epochs "
            + "(epoch k at lr·(k+1)/(N+1), PyTorch's LinearLR), then anneal it by the cosine schedule over the rest "
            + "(default: ${DEFAULT-VALUE}).")
    private int warmupEpochs;

    @Option(names = "--seed", description = "Seeds initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--threads", description = ThreadSettings.OPTION_DESCRIPTION)
    private Integer threads;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the four Fashion-MNIST files "
            + "(e.g. " + "/usr/share/datasets/fashion-mnist); default: the shipped subset.")
    private Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training images only.")
    private Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only.")
    private Integer testLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the pictures go (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("out", "train");

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Save the whole run (model, optimiser, data position, schedule, seed) to FILE after every "
                    + "epoch, atomically.")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE exactly where it stopped (its settings are kept; --epochs "
                    + "may extend it). Checkpoints go on to FILE unless --checkpoint says otherwise.")
    private Path resume;

    @Option(names = "--save-weights", paramLabel = "FILE",
            description = "Write the trained weights to FILE in the .safetensors format, under PyTorch's state_dict "
                    + "key names (loads into the same model built in PyTorch).")
    private Path saveWeights;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Stop after N optimiser steps in total, saving the checkpoint there (for short runs).")
    private long maxSteps;

    @Override
    public Integer call() throws IOException {
        checkOptions(this::validate);
        if (threads != null) {
            ThreadSettings.apply(threads);
        }
        if (resume != null && checkpoint == null) {
            checkpoint = resume;
        }
        try (OutputLock lock = lockOutputs()) {
            return run();
        }
    }

    /** Locks --out and the checkpoint (when there is one) against a second run writing them at once. */
    private OutputLock lockOutputs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(out.resolve(OutputLock.DIRECTORY_LOCK)));
        List<String> what = new ArrayList<>(List.of("--out=" + out));
        if (checkpoint != null) {
            files.add(OutputLock.lockFileFor(checkpoint));
            what.add("--checkpoint=" + checkpoint);
        }
        return OutputLock.acquire(files, what);
    }

    private int run() throws IOException {
        PrintWriter stdout = out();
        TensorDataset[] splits = loadData(stdout);
        TrainingRun run = resume != null ? resumed(splits) : TrainingRun.start(config(), splits[0], splits[1]);
        printHeader(stdout, run);
        EpochResult last = trainAll(stdout, run);
        ConfusionMatrix confusion = last != null && run.finished() && run.seenInEpoch() == 0
                ? last.test().confusion() : run.evaluate().confusion();
        List<Path> files = RunPictures.write(out, run.config().model().cliName() + " model", run.history(),
                run.batchesPerEpoch(), confusion);
        if (saveWeights != null) {
            run.model().saveSafetensors(saveWeights);
            stdout.printf(Locale.ROOT, "Weights: %s (safetensors, PyTorch state_dict names)%n",
                    saveWeights.toAbsolutePath().normalize());
        }
        stdout.println();
        stdout.println("Confusion matrix of the test set (rows: true class, columns: predicted class):");
        stdout.print(confusion.toText(FashionMnist.CLASS_NAMES));
        stdout.printf(Locale.ROOT, "Final test accuracy: %.2f%% (%s model, %d epoch(s), %d steps); pictures in %s: %s%n",
                100 * confusion.accuracy(), run.config().model().cliName(), run.history().size(), run.step(),
                out.toAbsolutePath().normalize(),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        return 0;
    }

    /** Checks the options before anything is read or written; each failure names its option. */
    private void validate() {
        RangeChecks.atLeast("--epochs", epochs, 1);
        RangeChecks.atLeast("--batch-size", batchSize, 1);
        if (lr != null) {
            RangeChecks.finitePositive("--lr", lr);
        }
        if (threads != null) {
            ThreadSettings.check("--threads", threads);
        }
        if (limit != null) {
            RangeChecks.atLeast("--limit", limit, 1);
        }
        if (testLimit != null) {
            RangeChecks.atLeast("--test-limit", testLimit, 1);
        }
        RangeChecks.nonNegative("--max-steps", maxSteps);
        if (warmupEpochs < 0 || (resume == null && warmupEpochs >= epochs)) {
            throw new IllegalArgumentException("--warmup-epochs=" + warmupEpochs
                    + " must be at least 0 and less than --epochs=" + epochs);
        }
        if (data != null && !Files.isDirectory(data)) {
            throw new IllegalArgumentException(
                    "--data=" + data + (Files.exists(data) ? " is not a directory" : ": no such directory"));
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new IllegalArgumentException("--resume=" + resume + ": no such file");
        }
        OutputFiles.requireWritableDirectory("--out", out);
        if (checkpoint != null) {
            OutputFiles.requireWritableFile("--checkpoint", checkpoint);
        } else if (resume != null) {
            OutputFiles.requireWritableFile("--resume", resume);
        }
        if (saveWeights != null) {
            requireWritableFile("--save-weights", saveWeights);
        }
    }

    /** Fails before training rather than after it when FILE cannot be written. */
    private static void requireWritableFile(String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + "=" + file + " is a directory; it must be a file");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + "=" + file + ": no such directory " + parent);
        }
    }

    private TrainConfig config() {
        double rate = lr != null ? lr : optimizer.defaultLearningRate();
        return new TrainConfig(model, optimizer, epochs, batchSize, rate, seed, maxSteps, warmupEpochs);
    }

    private TensorDataset[] loadData(PrintWriter stdout) throws IOException {
        FashionMnist fm = data == null ? FashionMnist.shipped() : FashionMnist.fromDirectory(data);
        LabelledImages train = limit == null ? fm.train() : fm.train().head(limit);
        LabelledImages test = testLimit == null ? fm.test() : fm.test().head(testLimit);
        stdout.printf(Locale.ROOT, "Data: %s: %,d training and %,d test images%n", fm.source(), train.size(), test.size());
        return new TensorDataset[] {FashionTensors.of(train), FashionTensors.of(test)};
    }


    /** The saved run, with the settings of the command line where they may differ (epochs, step limit). */
    private TrainingRun resumed(TensorDataset[] splits) throws IOException {
        RunCheckpoint.Saved saved = RunCheckpoint.read(resume);
        TrainConfig s = saved.config();
        requireSame("--model", s.model().cliName(), model.cliName());
        requireSame("--optimizer", s.optimizer().cliName(), optimizer.cliName());
        requireSame("--batch-size", s.batchSize(), batchSize);
        requireSame("--seed", s.seed(), seed);
        requireSame("--warmup-epochs", s.warmupEpochs(), warmupEpochs);
        if (lr != null) {
            requireSame("--lr", s.learningRate(), lr);
        }
        int total = given("--epochs") ? epochs : s.epochs();
        if (total != s.epochs()) {
            log.warn("resuming with --epochs {} instead of the saved run's {}: the learning-rate schedule changes, "
                    + "so the run will differ from an uninterrupted one", total, s.epochs());
        }
        if (saved.threads() != Threads.count()) {
            log.warn("the saved run used {} threads and this one {}: weight-gradient sums may round differently",
                    saved.threads(), Threads.count());
        }
        if (s.warmupEpochs() >= total) {
            throw usageError("--epochs=" + total + " must exceed the resumed run's " + s.warmupEpochs() + " warm-up epochs");
        }
        TrainConfig c = new TrainConfig(s.model(), s.optimizer(), total, s.batchSize(), s.learningRate(), s.seed(),
                maxSteps, s.warmupEpochs());
        out().printf(Locale.ROOT, "Resuming %s at epoch %d, step %d%n", resume,
                saved.state().loaderPosition().epoch() + 1, saved.state().step());
        return RunCheckpoint.resume(saved, c, splits[0], splits[1]);
    }

    private void requireSame(String option, Object saved, Object value) {
        if (given(option) && !saved.equals(value)) {
            throw usageError(String.format(Locale.ROOT, "%s=%s differs from the resumed run's %s; a resumed run keeps its "
                    + "settings (leave %s out)", option, value, saved, option));
        }
    }

    private void printHeader(PrintWriter stdout, TrainingRun run) {
        TrainConfig c = run.config();
        stdout.printf(Locale.ROOT, "Model: %s (%s)%n", c.model().cliName(), c.model().description());
        stdout.println(Summary.of(run.model(), 1, 1, FashionMnist.SIDE, FashionMnist.SIDE).toString().stripTrailing());
        stdout.printf(Locale.ROOT, "Convolution parameters: %,d%n", ModelKind.convolutionParameters(run.model()));
        stdout.printf(Locale.ROOT, "Training: %d epoch(s), batch %d, %s with %s, seed %d, %d thread(s)%n%n",
                c.epochs(), c.batchSize(), c.optimizer().describe(c.learningRate()), c.describeSchedule(), c.seed(),
                Threads.count());
        stdout.flush();
    }

    /** Trains until the run is finished; returns the last completed epoch's result (null if none completed). */
    private EpochResult trainAll(PrintWriter stdout, TrainingRun run) throws IOException {
        EpochResult last = null;
        PrintWriter stderr = err();
        while (!run.finished()) {
            String title = String.format(Locale.ROOT, "epoch %d/%d", run.epoch() + 1, run.config().epochs());
            EpochResult r;
            try (EpochProgress bar = new EpochProgress(stderr, title, run.trainSize(), run.seenInEpoch())) {
                r = run.trainEpoch(bar::update);
            } catch (DivergenceException e) {
                throw new DivergenceException(e.getMessage() + "; " + keptNote());
            }
            if (r != null) {
                last = r;
                stdout.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%%, test loss %.4f, "
                                + "test accuracy %.2f%%, %.1f s (%.0f images/s)%n",
                        r.epoch(), run.config().epochs(), r.trainLoss(), 100 * r.trainAccuracy(), r.test().loss(),
                        100 * r.test().accuracy(), r.seconds(), r.imagesPerSecond());
            } else {
                stdout.printf(Locale.ROOT, "stopped after %d steps (--max-steps), in epoch %d%n", run.step(),
                        run.epoch() + 1);
            }
            stdout.flush();
            if (checkpoint != null) {
                RunCheckpoint.save(checkpoint, run, dataDescription(run.trainSize()));
                log.info("saved checkpoint {} (step {})", checkpoint, run.step());
            }
        }
        return last;
    }

    private String dataDescription(int trainSize) {
        return (data == null ? "shipped subset" : data.toString()) + ", " + trainSize + " training images";
    }

    private String keptNote() {
        if (checkpoint != null && Files.isRegularFile(checkpoint)) {
            return "the last good checkpoint is kept in " + checkpoint;
        }
        return checkpoint != null ? "no checkpoint had been written yet" : "no checkpoint was kept (see --checkpoint)";
    }
}
