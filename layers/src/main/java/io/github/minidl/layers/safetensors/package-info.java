/**
 * Weights as {@code .safetensors} files, the format PyTorch users exchange them in:
 * {@link io.github.minidl.layers.safetensors.Safetensors} saves and loads named arrays, and
 * {@link io.github.minidl.layers.Module#saveSafetensors} / {@link io.github.minidl.layers.Module#loadSafetensors}
 * move a model's state dict. minidl's state-dict keys are PyTorch's {@code state_dict()} keys for
 * the same architecture ({@code 0.weight}, {@code features.2.running_mean},
 * {@code features.2.num_batches_tracked} as int64, {@code features.4.depthwise.weight} for a
 * submodule registered as {@code depthwise}), so such a file loads in either framework without renaming.
 *
 * <h2>File format</h2>
 * <pre>
 * 8 bytes      N, unsigned little-endian
 * N bytes      UTF-8 JSON header, padded with spaces to a multiple of 8 bytes:
 *              {"__metadata__":{"format":"pt"},
 *               "0.weight":{"dtype":"F32","shape":[8,1,3,3],"data_offsets":[0,288]}, ...}
 * the rest     the tensors' bytes: row-major, little-endian, back to back; data_offsets are
 *              [begin, end) relative to the end of the header
 * </pre>
 * dtypes: see {@link io.github.minidl.layers.safetensors.SafetensorsDtype} ({@code F32}, {@code F64},
 * {@code I64}, …). A rank-0 array has {@code "shape": []} and one element.
 *
 * <h2>Writing</h2>
 * As the format's reference writer: compact JSON, {@code __metadata__} first, tensors in data
 * order, which is widest dtype first and then by name (UTF-8 byte order), so every tensor starts
 * aligned to its element size. The file goes to a temporary file that is forced to disk and
 * renamed over the target ({@link io.github.minidl.layers.checkpoint.AtomicFiles}): a failed write
 * leaves the previous file.
 *
 * <h2>Reading</h2>
 * Everything is checked against the file's size before data is allocated, and a file that fails
 * a check is rejected with {@link io.github.minidl.layers.safetensors.CorruptSafetensorsException}
 * naming the file and tensor: a file shorter than 8 bytes; a header length beyond the file or over
 * 100,000,000 bytes (the reference limit); a header that is not UTF-8, not one JSON object, has
 * duplicate names or entries without {@code dtype}, {@code shape} (at most 32 dimensions) and
 * {@code data_offsets} (non-negative 64-bit integers); an unsupported dtype; a shape whose byte
 * size overflows or differs from its byte range; byte ranges that end before they begin, overlap,
 * leave gaps or do not end exactly at the end of the file; a tensor over 2 GiB.
 *
 * <h2>Loading into a model</h2>
 * Keys are matched as by {@link io.github.minidl.layers.Module#loadStateDict}: missing, unexpected
 * and mis-shaped keys give the same
 * {@link io.github.minidl.layers.checkpoint.StateDictMismatchException} as a checkpoint. dtypes
 * are converted where PyTorch's {@code load_state_dict} converts them (it copies with
 * conversion), within one kind of number: a float64 file loads into a float32 model (rounded to
 * nearest) and a float32 file into a float64 model (exactly), int32 into int64; a floating-point
 * array for an integer buffer or the reverse is a mismatch.
 */
package io.github.minidl.layers.safetensors;
