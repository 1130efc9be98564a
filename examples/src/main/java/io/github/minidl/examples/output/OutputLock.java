package io.github.minidl.examples.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps two runs from writing the same outputs at once: an exclusive {@link FileChannel#tryLock}
 * on a lock file, held until {@link #close}. The lock files stay behind (deleting one would let
 * a third run lock a new file while the second still holds the old one); the operating system
 * releases the lock when the process ends, however it ends.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file a run keeps in its output directory. */
    public static final String DIRECTORY_LOCK = ".minidl.lock";

    private final List<FileChannel> channels;

    private OutputLock(List<FileChannel> channels) {
        this.channels = channels;
    }

    /** The lock file that guards {@code file}: a hidden file beside it. */
    public static Path lockFileFor(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Locks every lock file (all or none).
     *
     * @param what for each lock file, what it guards, e.g. "--out=out/train"
     * @throws IllegalStateException naming what another run holds
     */
    public static OutputLock acquire(List<Path> lockFiles, List<String> what) throws IOException {
        List<FileChannel> held = new ArrayList<>();
        try {
            for (int i = 0; i < lockFiles.size(); i++) {
                FileChannel ch = FileChannel.open(lockFiles.get(i), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                held.add(ch);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this process already
                }
                if (lock == null) {
                    throw new IllegalStateException(what.get(i) + " is in use by another minidl run (it holds "
                            + lockFiles.get(i) + "); wait for it to finish or choose another place");
                }
            }
            return new OutputLock(held);
        } catch (IOException | RuntimeException e) {
            closeAll(held);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(channels);
    }

    private static void closeAll(List<FileChannel> channels) throws IOException {
        IOException first = null;
        for (FileChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
