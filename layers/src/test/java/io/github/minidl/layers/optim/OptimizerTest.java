package io.github.minidl.layers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.Linear;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.Parameter;
import io.github.minidl.layers.checkpoint.OptimizerState;
import io.github.minidl.testing.RandomArrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser made before {@code model.to(DOUBLE)} keeps working: its state follows the
 * parameters to float64, and the step equals that of a float64 optimiser given the same state.
 */
class OptimizerTest {
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD momentum", (Function<List<Parameter>, Optimizer>)
                        ps -> new SGD(ps, SgdOptions.lr(0.1).withMomentum(0.9))),
                Arguments.of("SGD nesterov", (Function<List<Parameter>, Optimizer>)
                        ps -> new SGD(ps, SgdOptions.lr(0.1).withMomentum(0.9).withNesterov().withWeightDecay(0.01))),
                Arguments.of("Adam amsgrad", (Function<List<Parameter>, Optimizer>)
                        ps -> new Adam(ps, AdamOptions.lr(0.01).withAmsgrad())),
                Arguments.of("AdamW", (Function<List<Parameter>, Optimizer>)
                        ps -> new AdamW(ps, AdamOptions.adamW(0.01))));
    }

    private static Module model() {
        Init.manualSeed(21);
        return new Linear(3, 2);
    }

    private static void backward(Module m, INDArray x) {
        m.zeroGrad();
        m.forward(Tensor.of(x.castTo(m.dataType()))).mul(Tensor.of(x.castTo(m.dataType()).getColumns(0, 1)))
                .sum().backward();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stateFollowsTheParametersToDouble(String name, Function<List<Parameter>, Optimizer> make) {
        INDArray x = RandomArrays.randn(new SplittableRandom(22), 4, 3);

        Module cast = model();
        Optimizer opt = make.apply(cast.parameters());
        backward(cast, x);
        opt.step();
        cast.to(DataType.DOUBLE);
        backward(cast, x);
        opt.step();

        // Reference: the float32 step, then a float64 optimiser loaded with the state in float64.
        Module ref = model();
        Optimizer first = make.apply(ref.parameters());
        backward(ref, x);
        first.step();
        OptimizerState s = first.state();
        ref.to(DataType.DOUBLE);
        Map<String, INDArray> buffers = new LinkedHashMap<>();
        s.buffers().forEach((k, v) -> buffers.put(k, v.castTo(DataType.DOUBLE)));
        Optimizer second = make.apply(ref.parameters());
        second.loadState(s.withBuffers(buffers));
        backward(ref, x);
        second.step();

        List<Parameter> got = cast.parameters();
        List<Parameter> want = ref.parameters();
        for (int i = 0; i < got.size(); i++) {
            assertEquals(DataType.DOUBLE, got.get(i).dataType());
            assertArrayEquals(want.get(i).data().dup().data().asDouble(), got.get(i).data().dup().data().asDouble(), 0.0,
                    name + ": parameter " + i);
        }
        opt.state().buffers().values().forEach(b -> assertEquals(DataType.DOUBLE, b.dataType(), "saved state dtype"));
    }
}
