package io.github.minidl.layers.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A separate program for the crash test: saves checkpoint after checkpoint to one file, each a
 * 1 MiB array filled with its iteration number plus that number as metadata, writing slowly so
 * that a kill most likely lands mid-write. Prints {@code saved N} after each save.
 */
final class WriterLoop {
    private WriterLoop() {
    }

    static CheckpointContent content(int iteration) {
        INDArray w = Nd4j.valueArrayOf(new long[] {512, 512}, (double) iteration, DataType.FLOAT);
        return CheckpointContent.of(Map.of("w", w)).withMetadata("iteration", Integer.toString(iteration));
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        for (int i = 0; ; i++) {
            Checkpoint.save(file, content(i), Slow::new);
            System.out.println("saved " + i);
            System.out.flush();
        }
    }

    /** Writes in 16 KiB pieces with a millisecond's pause after each (about 64 ms per checkpoint). */
    private static final class Slow extends FilterOutputStream {
        Slow(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int done = 0; done < len; ) {
                int n = Math.min(len - done, 1 << 14);
                out.write(b, off + done, n);
                done += n;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        }
    }
}
