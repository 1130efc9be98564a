/**
 * Checkpoints: a model's state dict, an optimiser's state and metadata in one verified file, written
 * atomically. {@link io.github.minidl.layers.checkpoint.Checkpoint} saves and loads
 * {@link io.github.minidl.layers.checkpoint.CheckpointContent};
 * {@link io.github.minidl.layers.checkpoint.StateDicts} checks a loaded state dict against a model's.
 * {@link io.github.minidl.layers.checkpoint.TrainingCheckpoint} saves and restores a whole run in one
 * such file (model, optimiser, {@link io.github.minidl.layers.checkpoint.TrainingState} and the
 * modules' extra state), so a run resumes exactly where it stopped.
 *
 * <h2>File format, version 2</h2>
 *
 * <p>A checkpoint is a ZIP archive (any ZIP tool lists it) holding {@code manifest.json} and one
 * entry per array. minidl writes every entry uncompressed ({@code STORED}), arrays first and the
 * manifest last; a reader must not depend on the order or the compression method and ignores
 * entries the manifest does not list.
 *
 * <p><b>{@code manifest.json}</b> is a UTF-8 JSON object:
 * <pre>{@code
 * {
 *   "format": "minidl-checkpoint",
 *   "version": 2,
 *   "createdAt": "2025-01-31T12:00:00.123Z",        // ISO-8601 instant, UTC
 *   "byteOrder": "little-endian",
 *   "metadata": { "epoch": "3", "seed": "42" },      // free string → string map, may be empty
 *   "optimizer": {                                  // only when optimiser state is saved
 *     "type": "Adam",
 *     "scalars": { "lr": 0.001, "step": 1200.0 },    // finite JSON numbers (float64)
 *     "flags": { "amsgrad": false }                 // JSON booleans; version 1 had no flags
 *   },                                              // and kept them as scalars 0 and 1
 *   "entries": [
 *     { "section": "model", "key": "features.0.weight", "path": "model/000000.bin",
 *       "dtype": "float32", "shape": [8, 1, 3, 3], "byteLength": 288, "crc32": 3735928559 },
 *     { "section": "optimizer", "key": "0.exp_avg", "path": "optimizer/000000.bin", ... }
 *   ]
 * }
 * }</pre>
 * <ul>
 *   <li>{@code section} is {@code model} (the state dict, in the model's order) or
 *       {@code optimizer} (the optimiser's buffers); {@code key} is unique within its section and
 *       may contain any characters; {@code path} names the array's entry in the archive.</li>
 *   <li>{@code dtype} is one of {@code float32, float64, int64, int32, float16, int16, int8, uint8,
 *       bool} (numpy's names; {@code bool} is one byte, 0 or 1).</li>
 *   <li>The entry holds the elements in row-major (C) order, little-endian, with no header:
 *       {@code byteLength = product(shape) × itemsize}. A rank-0 array has {@code "shape": []} and
 *       one element.</li>
 *   <li>{@code crc32} is the CRC-32 (the ZIP/zlib polynomial) of those bytes, as an unsigned
 *       integer.</li>
 * </ul>
 * minidl reads versions 1 and 2 and refuses any other: a reader of version 1 would take a
 * version-2 file's flags for absent and resume with their defaults.
 * Without minidl, in Python:
 * <pre>{@code
 * z = zipfile.ZipFile(path); m = json.loads(z.read("manifest.json"))
 * for e in m["entries"]:
 *     b = z.read(e["path"]); assert zlib.crc32(b) == e["crc32"] and len(b) == e["byteLength"]
 *     a = numpy.frombuffer(b, dtype=numpy.dtype(e["dtype"]).newbyteorder("<")).reshape(e["shape"])
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Atomic writes.</b> The archive is written to a temporary file
 *       ({@code .<name>.<random>.tmp}) in the target's directory, forced to disk
 *       ({@code FileChannel.force}), renamed over the target with {@code ATOMIC_MOVE} (falling back
 *       to a plain replace where the file system cannot) and the directory is synced. A crash or a
 *       failed write leaves the previous file intact (or no file); a process killed mid-write may
 *       leave a temporary file behind, which is safe to delete.</li>
 *   <li><b>Verified reads.</b> Loading rejects with
 *       {@link io.github.minidl.layers.checkpoint.CorruptCheckpointException} (naming the file and
 *       the {@code section/key} at fault) a file that is not a complete ZIP archive, lacks the
 *       manifest or fails its ZIP checksum, has another format name or version, a malformed entry,
 *       an unknown dtype, {@code shape × itemsize ≠ byteLength}, a missing, short or long data entry,
 *       or a CRC-32 that differs from the data.</li>
 *   <li><b>Bit-exact round trip</b> for every supported dtype.</li>
 *   <li>Limits: one array at most 2 GiB; the whole state is held in memory while loading.</li>
 * </ul>
 */
package io.github.minidl.layers.checkpoint;
