package io.github.minidl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Records every ND4J buffer made while {@link #record} runs, with where it was made, to find the
 * ones nobody freed: those would wait for the garbage collector. ND4J registers each new buffer
 * with its deallocator service; this one does the same and also keeps a note.
 */
public final class NativeAllocations extends DeallocatorService {
    /** Value types checked; integer buffers are shape descriptions and ND4J's cached index tables. */
    private static final Set<DataType> VALUES = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.BOOL);
    private static final List<Made> MADE = new ArrayList<>();
    private static volatile boolean recording;

    private record Made(DataBuffer buffer, StackTraceElement[] where) {
    }

    private NativeAllocations() {
    }

    /** Runs {@code body} and returns the value buffers (more than one element) it made that still hold memory. */
    public static synchronized List<String> leftUnfreed(Runnable body) {
        install();
        synchronized (MADE) {
            MADE.clear();
        }
        recording = true;
        try {
            body.run();
        } finally {
            recording = false;
        }
        List<String> open = new ArrayList<>();
        synchronized (MADE) {
            for (Made m : MADE) {
                DataBuffer b = m.buffer();
                if (!b.wasClosed() && b.length() > 1 && VALUES.contains(b.dataType()) && b.underlyingDataBuffer() == null) {
                    open.add(b.dataType() + "[" + b.length() + "] made at " + site(m.where()));
                }
            }
            MADE.clear();
        }
        return open;
    }

    private static String site(StackTraceElement[] stack) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("io.github.minidl") && !e.getClassName().endsWith("NativeAllocations")) {
                s.append(shown == 0 ? "" : " < ").append(e.getClassName().replace("io.github.minidl.", ""))
                        .append('.').append(e.getMethodName()).append(':').append(e.getLineNumber());
                if (++shown == 4) {
                    break;
                }
            }
        }
        return s.toString();
    }

    private static void install() {
        if (Nd4j.getDeallocatorService() instanceof NativeAllocations) {
            return;
        }
        try {
            var field = Nd4j.class.getDeclaredField("deallocatorService");
            field.setAccessible(true);
            field.set(null, new NativeAllocations());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot watch ND4J's allocations", e);
        }
    }

    @Override
    public void pickObject(Deallocatable d) {
        super.pickObject(d);
        if (recording && d instanceof DataBuffer b) {
            synchronized (MADE) {
                MADE.add(new Made(b, new Throwable().getStackTrace()));
            }
        }
    }
}
