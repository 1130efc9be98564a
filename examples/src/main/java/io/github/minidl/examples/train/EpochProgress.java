package io.github.minidl.examples.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of one epoch, redrawn in place on a writer (the command's stderr): images done,
 * images per second, time left and the running loss.
 */
public final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;

    /**
     * @param out where the bar is drawn
     * @param title e.g. {@code epoch 2/5}
     * @param images images in the epoch
     * @param done images already done (when resuming part-way)
     */
    public EpochProgress(PrintWriter out, String title, long images, long done) {
        boolean interactive = System.console() != null;
        bar = new ProgressBarBuilder().setTaskName(title).setInitialMax(images)
                .setStyle(interactive ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUnit(" img", 1).showSpeed().setUpdateIntervalMillis(interactive ? 300 : 2000)
                .setConsumer(new WriterConsumer(out, width())).startsFrom(done, Duration.ZERO).build();
    }

    /** Moves to {@code done} images and shows the running loss. */
    public void update(long done, double runningLoss) {
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", runningLoss));
    }

    /** Draws the final state and ends the line. */
    @Override
    public void close() {
        bar.close();
    }

    private static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
            return Math.max(60, Math.min(columns, 160));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Writes each frame over the previous one with a carriage return; a newline at the end. */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private final int width;

        WriterConsumer(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            synchronized (out) {
                out.print('\r');
                out.print(rendered.length() > width ? rendered.substring(0, width) : rendered);
                out.flush();
            }
        }

        @Override
        public void close() {
            synchronized (out) {
                out.println();
                out.flush();
            }
        }
    }
}
