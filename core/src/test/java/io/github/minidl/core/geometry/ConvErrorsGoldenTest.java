package io.github.minidl.core.geometry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.ConvErrorMessages;
import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration PyTorch rejects is rejected here too, with a message naming the rule. */
class ConvErrorsGoldenTest {
    static Stream<GoldenCase> errorCases() {
        return Golden.cases("conv_errors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void rejectedWithClearMessage(GoldenCase c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> attempt(c));
        String fragment = ConvErrorMessages.functional(c.id());
        assertTrue(e.getMessage().contains(fragment), c.id() + ": message was: " + e.getMessage());
    }

    private static void attempt(GoldenCase c) {
        if (c.json().get("api").asText().equals("module")) {
            var m = c.json().get("module_args");
            int[] kernel = {m.get("kernel_size").get(0).asInt(), m.get("kernel_size").get(1).asInt()};
            ConvSpec spec = ConvSpec.builder(m.get("in_channels").asInt(), m.get("out_channels").asInt(), kernel)
                    .stride(c.ints("stride")).padding(c.ints("padding")).dilation(c.ints("dilation"))
                    .groups(c.intParam("groups")).build();
            long[] x = c.shape("x_shape");
            spec.outputSize((int) x[2], (int) x[3]);
        } else if (c.op().equals("conv2d")) {
            ConvArguments.conv2d(c.shape("x_shape"), c.shape("weight_shape"), c.shape("bias_shape"),
                    c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.intParam("groups"));
        } else {
            ConvArguments.convTranspose2d(c.shape("x_shape"), c.shape("weight_shape"), c.shape("bias_shape"),
                    c.ints("stride"), c.ints("padding"), c.ints("output_padding"), c.intParam("groups"),
                    c.ints("dilation"));
        }
    }
}
