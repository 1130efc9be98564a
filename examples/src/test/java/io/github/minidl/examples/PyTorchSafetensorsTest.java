package io.github.minidl.examples;

import static io.github.minidl.testing.ArrayAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.examples.autoencoder.ConvAutoencoder;
import io.github.minidl.examples.train.ModelKind;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.safetensors.Safetensors;
import io.github.minidl.layers.safetensors.SafetensorsContent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weights written by PyTorch (src/test/resources/safetensors/gen_safetensors.py) load into the
 * example models and reproduce PyTorch's outputs; minidl writes the same file back.
 */
class PyTorchSafetensorsTest {
    @TempDir
    Path dir;

    /** A fixture: the model minidl builds and the file name PyTorch's copy of it was saved under. */
    record Fixture(String name, Supplier<Module> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> fixtures() {
        List<Fixture> out = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            out.add(new Fixture(kind.cliName(), kind::build));
        }
        out.add(new Fixture("autoencoder", ConvAutoencoder::new));
        return out.stream();
    }

    static Stream<Arguments> fixturesAndDtypes() {
        return fixtures().flatMap(f -> Stream.of(Arguments.of(f, DataType.FLOAT), Arguments.of(f, DataType.DOUBLE)));
    }

    private static Path resource(String file) {
        try {
            return Path.of(PyTorchSafetensorsTest.class.getResource("/safetensors/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource safetensors/" + file, e);
        }
    }

    private static Module fresh(Fixture f, DataType type) {
        Init.manualSeed(0);
        Module m = f.build().get();
        if (type == DataType.DOUBLE) {
            m.to(DataType.DOUBLE);
        }
        return m;
    }

    /** float32: within 1e-5 of PyTorch's float32 output; float64: within 1e-12 of its float64 output. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixturesAndDtypes")
    void pytorchWeightsReproducePyTorchsOutput(Fixture f, DataType type) throws IOException {
        SafetensorsContent io = Safetensors.load(resource(f.name() + ".io.safetensors"));
        String suffix = type == DataType.FLOAT ? "f32" : "f64";
        Module model = fresh(f, type);
        model.loadSafetensors(resource(f.name() + ".safetensors"));
        model.eval();
        INDArray input = io.tensors().get("input_" + suffix);
        INDArray expected = io.tensors().get("output_" + suffix);
        assertEquals(type, input.dataType());
        INDArray actual;
        try (var noGrad = Tensor.noGrad()) {
            actual = model.forward(Tensor.of(input)).data();
        }
        assertAllClose(expected, actual, type == DataType.FLOAT ? 1e-5 : 1e-12, f + " " + suffix + " output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void stateDictKeysArePyTorchsInPyTorchsOrder(Fixture f) throws IOException {
        String keys = Safetensors.load(resource(f.name() + ".io.safetensors")).metadata().get("state_dict_keys");
        List<String> pytorch = Arrays.asList(new ObjectMapper().readValue(keys, String[].class));
        assertEquals(pytorch, new ArrayList<>(fresh(f, DataType.FLOAT).stateDict().keySet()));
    }

    /** Loading PyTorch's file and saving it again gives the same bytes: same header, layout and values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void savingTheLoadedWeightsWritesPyTorchsFileAgain(Fixture f) throws IOException {
        Path original = resource(f.name() + ".safetensors");
        DataType fileType = Safetensors.load(original).tensors().get(
                f.name().equals("autoencoder") ? "encoder.0.weight" : "0.0.weight").dataType();
        Module model = fresh(f, fileType);
        model.loadSafetensors(original);
        Path copy = dir.resolve("copy.safetensors");
        model.saveSafetensors(copy);
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }
}
