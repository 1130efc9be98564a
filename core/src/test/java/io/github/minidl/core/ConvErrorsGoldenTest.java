package io.github.minidl.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.testing.Golden;
import io.github.minidl.testing.GoldenCase;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration PyTorch rejects is rejected here too, with a message naming the rule. */
class ConvErrorsGoldenTest {
    /** A fragment each category's message must contain. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("ge01_conv_in_not_div_groups", "has 5 channels; weight [4, 2, 3, 3] with groups=2 expects 4"),
            Map.entry("ge02_conv_out_not_div_groups", "must be divisible by groups=2"),
            Map.entry("ge03_module_in_not_div_groups", "inChannels=5 must be divisible by groups=2"),
            Map.entry("ge04_convT_output_padding_too_big", "outputPadding=[2, 2] must be smaller than max(stride, dilation)=[2, 2]"),
            Map.entry("ge05_conv_kernel_gt_padded_input", "must be at least 1"),
            Map.entry("ge06_convT_output_too_small", "must be at least 1"),
            Map.entry("ge07_conv_stride0", "stride=[0, 0] must be positive"),
            Map.entry("ge08_convT_dilation0", "dilation=[0, 0] must be positive"),
            Map.entry("ge09_conv_negative_padding", "padding=[-1, -1] must be non-negative"),
            Map.entry("ge10_conv_channel_mismatch", "has 3 channels"),
            Map.entry("ge11_convT_input_rank2", "input must be 4-D"));

    static Stream<GoldenCase> errorCases() {
        return Golden.cases("conv_errors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void rejectedWithClearMessage(GoldenCase c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> attempt(c));
        String fragment = EXPECTED.get(c.id());
        assertTrue(fragment != null, "no expectation for " + c.id());
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
