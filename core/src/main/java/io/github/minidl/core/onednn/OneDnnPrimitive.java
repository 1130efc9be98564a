package io.github.minidl.core.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One built oneDNN primitive (a convolution, pooling, batch normalization, matmul, ...) with a
 * oneDNN memory object per argument whose data handle is pointed at the caller's arrays at every
 * run. Where the primitive chose a blocked layout for an argument, the argument is reordered into
 * (inputs) or out of (outputs) a buffer of the primitive's own.
 *
 * <p>A primitive may run its batch in {@link Chunks}: it is built for one chunk and runs once per
 * chunk, so that the blocked copy a reorder writes is still in cache when the kernel reads it, and
 * the kernel's blocked output when the reorder back reads it (see BENCHMARKS.md). Outputs without
 * a batch dimension (weight and bias gradients) are summed over the chunks.
 */
final class OneDnnPrimitive {
    /** oneDNN's preferred alignment of a buffer, in bytes. */
    private static final long ALIGNMENT = 64;

    /**
     * How a run splits the batch: into {@code count} equal chunks; per argument, whether its first
     * dimension is the batch; the arguments from {@code firstOutput} on are those the primitive writes.
     */
    record Chunks(int count, boolean[] batched, int firstOutput) {
        /** The whole batch in one run, the last argument the output. */
        static Chunks none(int arguments) {
            return new Chunks(1, new boolean[arguments], arguments - 1);
        }
    }

    /**
     * Where a run may find the blocked copy an earlier primitive made of the same input array, and
     * leave its own for later ones (see {@code ConvKernels.sharingConversions}).
     */
    interface SharedCopies {
        /** The address of a blocked copy of input {@code arg} of {@code reader} made earlier, or 0. */
        long find(int arg, OneDnnPrimitive reader);

        /** Records that input {@code arg} of this run now sits blocked in {@code owner}'s buffer. */
        void remember(int arg, OneDnnPrimitive owner);
    }

    private final dnnl_primitive primitive;
    private final String implementation;
    private final Chunks chunks;
    /** Per argument: the memory on the caller's array, whose handle run() sets. */
    private final dnnl_memory[] user;
    /** Per argument: a reorder between the caller's layout and the primitive's, or null if they agree. */
    private final dnnl_primitive[] reorders;
    private final dnnl_memory[] inner;
    /** The memory under {@link #inner}'s blocked copies, held for the primitive's lifetime. */
    private final BytePointer[] innerBuffers;
    /** Per reordered argument: the aligned start of its buffer in {@link #innerBuffers}. */
    private final long[] innerBase;
    /** Per argument: the bytes of one chunk in the caller's layout, and in the one the primitive chose. */
    private final long[] userChunkBytes;
    private final long[] innerChunkBytes;
    /**
     * Per output without a batch dimension, when chunked: for a reordered one, the reorder that
     * adds a later chunk's share into the caller's array; for one written in place, where a later
     * chunk writes its share, to be added in Java (a bias gradient: one value per channel).
     */
    private final dnnl_primitive[] accumulate;
    private final FloatPointer[] partial;
    /** Per argument: the caller's layout and the one the primitive chose (equal when no reorder). */
    private final dnnl_memory_desc_t[] plain;
    private final dnnl_memory_desc_t[] chosen;
    private final dnnl_exec_arg_t args;
    /** Per reordered argument: the reorder's two arguments, caller's memory and blocked memory. */
    private final dnnl_exec_arg_t[] reorderArgs;
    /** The address run() hands oneDNN as a data handle, moved rather than made anew for each one. */
    private final Address handle = new Address(0);
    /** Per reordered input, for the current run: where its blocked copy starts, whether it is borrowed. */
    private final long[] copyBase;
    private final boolean[] borrowed;
    /** How many times this primitive has run: a blocked copy in its buffers is current until the next run. */
    private long runs;

    /** The whole batch in one run; the last argument is the output. */
    OneDnnPrimitive(dnnl_primitive primitive, dnnl_primitive_desc pd, int[] argIds, dnnl_memory_desc_t[] plain,
            dnnl_engine engine) {
        this(primitive, pd, argIds, plain, Chunks.none(argIds.length), engine);
    }

    /** Builds the memories for the primitive's arguments; {@code plain} describes one chunk. */
    OneDnnPrimitive(dnnl_primitive primitive, dnnl_primitive_desc pd, int[] argIds, dnnl_memory_desc_t[] plain,
            Chunks chunks, dnnl_engine engine) {
        this.primitive = primitive;
        this.implementation = implementation(pd);
        this.chunks = chunks;
        this.plain = plain;
        int n = argIds.length;
        user = new dnnl_memory[n];
        inner = new dnnl_memory[n];
        innerBuffers = new BytePointer[n];
        innerBase = new long[n];
        userChunkBytes = new long[n];
        innerChunkBytes = new long[n];
        partial = new FloatPointer[n];
        accumulate = new dnnl_primitive[n];
        chosen = new dnnl_memory_desc_t[n];
        reorders = new dnnl_primitive[n];
        reorderArgs = new dnnl_exec_arg_t[n];
        copyBase = new long[n];
        borrowed = new boolean[n];
        args = new dnnl_exec_arg_t(n);
        for (int i = 0; i < n; i++) {
            boolean output = i >= chunks.firstOutput();
            boolean summed = output && chunks.count() > 1 && !chunks.batched()[i];
            user[i] = memory(plain[i], engine, null);
            userChunkBytes[i] = dnnl_memory_desc_get_size(plain[i]);
            // The query points into pd, which dies after construction: keep a copy.
            chosen[i] = new dnnl_memory_desc_t();
            Pointer.memcpy(chosen[i], dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, argIds[i]),
                    chosen[i].sizeof());
            if (dnnl_memory_desc_equal(chosen[i], plain[i]) == 1) {
                inner[i] = user[i];
                partial[i] = summed ? new FloatPointer(userChunkBytes[i] / Float.BYTES) : null;
            } else {
                // A buffer of this primitive's, filled from / copied to the caller's. Allocated here,
                // not by oneDNN, because oneDNN frees a buffer it allocated when the handle is pointed
                // elsewhere, and run() moves handles. An input keeps the whole batch's copy, which a
                // later primitive may borrow; an output needs one chunk's.
                innerChunkBytes[i] = dnnl_memory_desc_get_size(chosen[i]);
                long bytes = innerChunkBytes[i] * (!output && chunks.batched()[i] ? chunks.count() : 1);
                innerBuffers[i] = new BytePointer(bytes + ALIGNMENT);
                innerBase[i] = (innerBuffers[i].address() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                inner[i] = memory(chosen[i], engine, new Address(innerBase[i]));
                reorders[i] = output ? reorder(chosen[i], plain[i], false, engine)
                        : reorder(plain[i], chosen[i], false, engine);
                accumulate[i] = summed ? reorder(chosen[i], plain[i], true, engine) : null;
                reorderArgs[i] = output ? reorderArgs(inner[i], user[i]) : reorderArgs(user[i], inner[i]);
            }
            args.position(i).arg(argIds[i]).memory(inner[i]);
        }
        args.position(0);
    }

    /**
     * Runs the primitive on arrays at these addresses, one per argument in the order it was built
     * with. With {@code shared} (else null), an input takes the blocked copy an earlier primitive
     * left there (and leaves its own) instead of being reordered again.
     */
    void run(dnnl_stream stream, SharedCopies shared, long... addresses) {
        runs++;
        int n = user.length;
        int firstOutput = chunks.firstOutput();
        for (int i = 0; i < firstOutput; i++) {
            if (reorders[i] != null) {
                long copy = shared == null ? 0 : shared.find(i, this);
                borrowed[i] = copy != 0;
                copyBase[i] = borrowed[i] ? copy : innerBase[i];
            }
        }
        for (int k = 0; k < chunks.count(); k++) {
            for (int i = 0; i < n; i++) {
                boolean batched = chunks.batched()[i];
                long at = partial[i] != null && k > 0 ? partial[i].address()
                        : addresses[i] + (batched ? k * userChunkBytes[i] : 0);
                check(dnnl_memory_set_data_handle(user[i], handle.at(at)), "memory_set_data_handle");
                if (reorders[i] != null && i < firstOutput) {
                    long copyAt = copyBase[i] + (batched ? k * innerChunkBytes[i] : 0);
                    check(dnnl_memory_set_data_handle(inner[i], handle.at(copyAt)), "memory_set_data_handle");
                    // Weights and other unbatched inputs are the same for every chunk.
                    if (!borrowed[i] && (batched || k == 0)) {
                        execute(reorders[i], reorderArgs[i], stream);
                    }
                }
            }
            check(dnnl_primitive_execute(primitive, stream, n, args), "primitive_execute");
            for (int i = firstOutput; i < n; i++) {
                if (reorders[i] != null) {
                    execute(k > 0 && accumulate[i] != null ? accumulate[i] : reorders[i], reorderArgs[i], stream);
                }
            }
            check(dnnl_stream_wait(stream), "stream_wait");
            for (int i = firstOutput; i < n && k > 0; i++) {
                if (partial[i] != null) {
                    addInto(addresses[i], partial[i]);
                }
            }
        }
        for (int i = 0; i < firstOutput && shared != null; i++) {
            if (reorders[i] != null && !borrowed[i]) {
                shared.remember(i, this);
            }
        }
    }

    /** to[j] += from[j] for the floats of {@code from}, {@code to} being an address. */
    private static void addInto(long to, FloatPointer from) {
        int count = (int) from.capacity();
        float[] sum = new float[count];
        float[] add = new float[count];
        FloatPointer target = new FloatPointer(new Address(to)).capacity(count);
        target.get(sum);
        from.get(add);
        for (int j = 0; j < count; j++) {
            sum[j] += add[j];
        }
        target.put(sum);
    }

    /** Times this primitive has run. */
    long runs() {
        return runs;
    }

    /** The chunks this primitive splits its batch into (1: none). */
    int chunkCount() {
        return chunks.count();
    }

    /** The start of this primitive's own blocked copy of input {@code arg}. */
    long copyBase(int arg) {
        return innerBase[arg];
    }

    /**
     * Whether input {@code arg} of this primitive and input {@code otherArg} of {@code other} are
     * both reordered, from the same plain layout into the same blocked one, in the same chunks.
     */
    boolean sameConversion(int arg, OneDnnPrimitive other, int otherArg) {
        return reorders[arg] != null && other.reorders[otherArg] != null && arg < chunks.firstOutput()
                && otherArg < other.chunks.firstOutput() && chunks.count() == other.chunks.count()
                && dnnl_memory_desc_equal(plain[arg], other.plain[otherArg]) == 1
                && dnnl_memory_desc_equal(chosen[arg], other.chosen[otherArg]) == 1;
    }

    /** oneDNN's name for the implementation it picked, e.g. {@code gemm:jit} or {@code jit:avx512_common}. */
    String implementation() {
        return implementation;
    }

    private static dnnl_exec_arg_t reorderArgs(dnnl_memory from, dnnl_memory to) {
        dnnl_exec_arg_t a = new dnnl_exec_arg_t(2);
        a.position(0).arg(DNNL_ARG_FROM).memory(from);
        a.position(1).arg(DNNL_ARG_TO).memory(to);
        return a.position(0);
    }

    private static void execute(dnnl_primitive reorder, dnnl_exec_arg_t args, dnnl_stream stream) {
        check(dnnl_primitive_execute(reorder, stream, 2, args), "primitive_execute(reorder)");
    }

    /** A reorder from one layout to another; {@code adding} to what the destination holds. */
    private static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to, boolean adding,
                                          dnnl_engine engine) {
        dnnl_primitive_attr attr = null;
        dnnl_post_ops sum = null;
        if (adding) {
            sum = new dnnl_post_ops();
            attr = new dnnl_primitive_attr();
            check(dnnl_post_ops_create(sum), "post_ops_create");
            check(dnnl_post_ops_append_sum(sum, 1f), "post_ops_append_sum");
            check(dnnl_primitive_attr_create(attr), "primitive_attr_create");
            check(dnnl_primitive_attr_set_post_ops(attr, sum), "primitive_attr_set_post_ops");
        }
        try {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(pd, from, engine, to, engine, attr), "reorder_primitive_desc_create");
            dnnl_primitive p = create(pd, "reorder");
            dnnl_primitive_desc_destroy(pd);
            return p;
        } finally {
            if (adding) {
                dnnl_primitive_attr_destroy(attr);
                dnnl_post_ops_destroy(sum);
            }
        }
    }

    private static dnnl_memory memory(dnnl_memory_desc_t md, dnnl_engine engine, Pointer handle) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, engine, handle), "memory_create");
        return m;
    }

    /** A float32 memory descriptor of these dims in the plain layout {@code tag} (or {@code any}). */
    static dnnl_memory_desc_t descriptor(int tag, long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory_desc_init_by_tag");
        return md;
    }

    /** The primitive for a descriptor oneDNN accepted. */
    static dnnl_primitive create(dnnl_primitive_desc pd, String what) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "primitive_create(" + what + ")");
        return p;
    }

    static String implementation(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> name = new PointerPointer<>(1);
        if (dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, name) != dnnl_success) {
            return "unknown";
        }
        return name.getString(0);
    }

    static void check(int status, String call) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN dnnl_" + call + " failed with status " + status);
        }
    }

    /** A raw address handed to oneDNN as a data handle; oneDNN copies the value, so one can move. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }

        Address at(long address) {
            this.address = address;
            return this;
        }
    }
}
