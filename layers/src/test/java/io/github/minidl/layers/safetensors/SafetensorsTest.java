package io.github.minidl.layers.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.layers.checkpoint.ArrayCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The file format: the reference writer's bytes, round trips, and every kind of damaged file. */
class SafetensorsTest {
    @TempDir
    Path dir;

    private Path file(String name) {
        return dir.resolve(name);
    }

    /** The reference writer's test vector: one float32 tensor [1, 2, 3] holding 0..5, no metadata. */
    @Test
    void writesTheReferenceWritersBytesForOneTensor() throws IOException {
        Path f = file("attn.safetensors");
        Safetensors.save(f, Map.of("attn.0", Nd4j.arange(6).castTo(DataType.FLOAT).reshape(1, 2, 3)), Map.of());
        assertArrayEquals(unsigned(
                64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64), Files.readAllBytes(f));
    }

    /** The reference writer's test vector: no tensors, metadata {"framework": "pt"}, padded with spaces. */
    @Test
    void writesTheReferenceWritersBytesForMetadataOnly() throws IOException {
        Path f = file("empty.safetensors");
        Safetensors.save(f, Map.of(), Map.of("framework", "pt"));
        assertArrayEquals(unsigned(
                40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
                95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
                116, 34, 125, 125, 32, 32, 32, 32, 32), Files.readAllBytes(f));
        SafetensorsContent c = Safetensors.load(f);
        assertEquals(Map.of("framework", "pt"), c.metadata());
        assertTrue(c.tensors().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SafetensorsDtype.class)
    void everyDtypeRoundTripsBitForBitIncludingViewsScalarsAndEmptyArrays(SafetensorsDtype dtype) throws IOException {
        DataType type = dtype.dataType();
        INDArray base = Nd4j.arange(0, 24).castTo(type).reshape(4, 6);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("plain", base);
        tensors.put("transposed", base.transpose());
        tensors.put("offset view", base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5)));
        tensors.put("scalar", Nd4j.scalar(type, 1));
        tensors.put("empty", Nd4j.create(type, 0, 3));
        tensors.put("ünï ∂ name", base.reshape(24));
        Path f = file("all.safetensors");
        Safetensors.save(f, tensors, Map.of("k", "v"));
        Map<String, INDArray> loaded = Safetensors.load(f).tensors();
        assertEquals(tensors.keySet(), loaded.keySet());
        tensors.forEach((k, a) -> {
            INDArray b = loaded.get(k);
            assertEquals(a.dataType(), b.dataType(), k);
            assertArrayEquals(a.shape(), b.shape(), k);
            assertArrayEquals(ArrayCodec.encode(a), ArrayCodec.encode(b), k);
        });
    }

    @Test
    void specialFloatValuesKeepTheirBits() throws IOException {
        INDArray f32 = Nd4j.createFromArray(Float.NaN, Float.intBitsToFloat(0x7fc0_1234), -0.0f, Float.MIN_VALUE,
                Float.NEGATIVE_INFINITY);
        INDArray f64 = Nd4j.createFromArray(Double.longBitsToDouble(0x7ff8_0000_dead_beefL), -0.0, Double.MAX_VALUE);
        Path f = file("special.safetensors");
        Safetensors.save(f, Map.of("a", f32, "b", f64), Map.of());
        Map<String, INDArray> loaded = Safetensors.load(f).tensors();
        for (int i = 0; i < f32.length(); i++) {
            assertEquals(Float.floatToRawIntBits(f32.getFloat(i)), Float.floatToRawIntBits(loaded.get("a").getFloat(i)));
        }
        for (int i = 0; i < f64.length(); i++) {
            assertEquals(Double.doubleToRawLongBits(f64.getDouble(i)),
                    Double.doubleToRawLongBits(loaded.get("b").getDouble(i)));
        }
    }

    @Test
    void aFailedSaveLeavesThePreviousFile() throws IOException {
        Path f = file("keep.safetensors");
        Safetensors.save(f, Map.of("w", Nd4j.ones(DataType.FLOAT, 3)), Map.of());
        byte[] before = Files.readAllBytes(f);
        var e = assertThrows(IllegalArgumentException.class, () -> Safetensors.save(f,
                Map.of("w", Nd4j.ones(DataType.FLOAT, 3), "s", Nd4j.create(DataType.UTF8, 1)), Map.of()));
        assertTrue(e.getMessage().contains("tensor 's' has dtype UTF8"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left");
        }
        assertThrows(NoSuchFileException.class,
                () -> Safetensors.save(dir.resolve("missing/x.safetensors"), Map.of(), Map.of()));
        assertThrows(NoSuchFileException.class, () -> Safetensors.load(file("absent.safetensors")));
    }

    // ---- damaged and hostile files ---------------------------------------------------------------

    private static final String F32_2 = "\"dtype\":\"F32\",\"shape\":[2]";

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                Arguments.of("shorter than the length field", raw(new byte[] {1, 2, 3}), "has 3 bytes"),
                Arguments.of("header length beyond the file", withLength(1000, "{}", 0),
                        "header length 1000 exceeds the 2 bytes"),
                Arguments.of("header length negative as a signed long", withLength(-1, "{}", 0),
                        "header length 18446744073709551615 exceeds"),
                Arguments.of("bad JSON", file("{\"a\":", 0), "header is not valid JSON"),
                Arguments.of("not UTF-8", raw(concat(lengthField(4), new byte[] {'"', (byte) 0xff, '"', ' '})),
                        "header is not valid UTF-8"),
                Arguments.of("not an object", file("[1,2]", 0), "header is not a JSON object"),
                Arguments.of("two JSON values", file("{} {}", 0), "more than one JSON value"),
                Arguments.of("duplicate names", file("{\"a\":{" + F32_2 + ",\"data_offsets\":[0,8]},\"a\":{"
                        + F32_2 + ",\"data_offsets\":[8,16]}}", 16), "Duplicate field 'a'"),
                Arguments.of("entry not an object", file("{\"a\":3}", 0), "entry 'a': is VALUE_NUMBER_INT"),
                Arguments.of("missing dtype", file("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                        "entry 'a': needs dtype, shape and data_offsets"),
                Arguments.of("unsupported dtype", entry("F8_E4M3", "[2]", "[0,2]", 2),
                        "dtype 'F8_E4M3' is not supported; supported: BOOL, U8"),
                Arguments.of("unknown dtype", entry("Q4", "[2]", "[0,1]", 1), "dtype 'Q4' is not supported"),
                Arguments.of("negative dimension", entry("F32", "[-2]", "[0,8]", 8),
                        "shape holds -2, not a non-negative 64-bit integer"),
                Arguments.of("fractional dimension", entry("F32", "[2.0]", "[0,8]", 8), "shape holds 2.0"),
                Arguments.of("dimension beyond a long", entry("F32", "[99999999999999999999]", "[0,8]", 8),
                        "shape holds 99999999999999999999"),
                Arguments.of("rank over 32", entry("F32", "[" + "1,".repeat(32) + "1]", "[0,4]", 4),
                        "shape has more than 32 elements"),
                Arguments.of("shape product overflows", entry("F32", "[4611686018427387904,4]", "[0,8]", 8),
                        "shape [4611686018427387904, 4] x F32 overflows"),
                Arguments.of("bytes overflow after the product", entry("F64", "[2305843009213693952]", "[0,8]", 8),
                        "overflows"),
                Arguments.of("size differs from the byte range", entry("F32", "[2]", "[0,12]", 12),
                        "shape [2] x F32 needs 8 bytes but data_offsets [0, 12] hold 12"),
                Arguments.of("three offsets", entry("F32", "[2]", "[0,8,16]", 8), "data_offsets has more than 2"),
                Arguments.of("one offset", entry("F32", "[2]", "[0]", 8), "needs dtype, shape and data_offsets"),
                Arguments.of("end before begin", entry("F32", "[2]", "[8,0]", 8), "data_offsets [8, 0] end before"),
                Arguments.of("overlap", file("{\"a\":{" + F32_2 + ",\"data_offsets\":[0,8]},\"b\":{" + F32_2
                        + ",\"data_offsets\":[4,12]}}", 12), "entry 'b': data_offsets [4, 12] overlap tensor 'a'"),
                Arguments.of("gap", file("{\"a\":{" + F32_2 + ",\"data_offsets\":[0,8]},\"b\":{" + F32_2
                        + ",\"data_offsets\":[12,20]}}", 20), "data_offsets [12, 20] leave bytes [8, 12)"),
                Arguments.of("trailing bytes not covered", entry("F32", "[2]", "[0,8]", 16),
                        "the tensors end at data byte 8 but the file holds 16 data bytes"),
                Arguments.of("offsets beyond the file", entry("F32", "[4]", "[0,16]", 8),
                        "data_offsets [0, 16] reach beyond the 8 data bytes"),
                Arguments.of("huge offsets beyond the file", entry("U8", "[4000000000]", "[0,4000000000]", 8),
                        "reach beyond the 8 data bytes"),
                Arguments.of("metadata not strings", file("{\"__metadata__\":{\"a\":1}}", 0),
                        "__metadata__ 'a' is not a string"),
                Arguments.of("metadata not an object", file("{\"__metadata__\":\"pt\"}", 0),
                        "__metadata__ is VALUE_STRING"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void aDamagedFileIsRejectedWithAClearMessage(String what, byte[] bytes, String expected) throws IOException {
        Path f = file("bad.safetensors");
        Files.write(f, bytes);
        var e = assertThrows(CorruptSafetensorsException.class, () -> Safetensors.load(f), what);
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "'" + expected + "' not in: " + e.getMessage());
    }

    @Test
    void aHeaderOverTheReferenceLimitIsRejectedWithoutReadingIt() throws IOException {
        Path f = file("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(lengthField(150_000_000));
            raf.setLength(150_000_100); // sparse: nothing of the claimed header is written
        }
        var e = assertThrows(CorruptSafetensorsException.class, () -> Safetensors.load(f));
        assertTrue(e.getMessage().contains("header length 150000000 exceeds the limit of 100000000"), e.getMessage());
    }

    @Test
    void anEmptyTensorWithAHugeDimensionLoadsWithoutAllocating() throws IOException {
        Path f = file("empty-huge.safetensors");
        Files.write(f, entry("F32", "[0,1099511627776]", "[0,0]", 0));
        INDArray a = Safetensors.load(f).tensors().get("a");
        assertArrayEquals(new long[] {0, 1L << 40}, a.shape());
        assertEquals(0, a.length());
    }

    @Test
    void unknownFieldsOfAnEntryAreIgnoredAsByTheReferenceReader() throws IOException {
        Path f = file("extra.safetensors");
        Files.write(f, file("{\"a\":{\"note\":{\"x\":[1]}," + F32_2 + ",\"data_offsets\":[0,8]}}", 8));
        assertArrayEquals(new long[] {2}, Safetensors.load(f).tensors().get("a").shape());
    }

    // ---- building files byte by byte ------------------------------------------------------------

    private static byte[] entry(String dtype, String shape, String offsets, int dataBytes) {
        return file("{\"a\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}",
                dataBytes);
    }

    /** A file with this header and {@code dataBytes} bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return withLength(h.length, header, dataBytes);
    }

    private static byte[] withLength(long n, String header, int dataBytes) {
        return concat(lengthField(n), header.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]);
    }

    private static byte[] lengthField(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    private static byte[] raw(byte[] bytes) {
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] unsigned(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
