package io.github.minidl.testing;

import java.util.Map;

/**
 * What the message of each rejected golden convolution case ({@code conv_errors}) must contain:
 * the parameter, its value and the rule. The functional API (and {@code ConvArguments}) and the
 * layers word a few of them differently, since a layer knows its channels before it sees an input.
 */
public final class ConvErrorMessages {
    private static final Map<String, String> FUNCTIONAL = Map.ofEntries(
            Map.entry("ge01_conv_in_not_div_groups", "input [1, 5, 5, 5] has 5 channels; weight [4, 2, 3, 3] with groups=2 expects 4"),
            Map.entry("ge02_conv_out_not_div_groups", "weight [3, 2, 3, 3] has 3 output channels, which must be divisible by groups=2"),
            Map.entry("ge03_module_in_not_div_groups", "inChannels=5 must be divisible by groups=2"),
            Map.entry("ge04_convT_output_padding_too_big",
                    "outputPadding=[2, 2] must be smaller than max(stride, dilation)=[2, 2] on each axis"),
            Map.entry("ge05_conv_kernel_gt_padded_input", "input size [2, 2] padded by [0, 0] is smaller than the dilated"
                    + " kernel [3, 3] (dilation=[1, 1], kernelSize=[3, 3]): the output size [0, 0] must be at least 1"),
            Map.entry("ge06_convT_output_too_small", "input size [1, 1] with padding=[1, 1] gives output size [-1, -1];"
                    + " it must be at least 1 on each axis"),
            Map.entry("ge07_conv_stride0", "stride=[0, 0] must be positive on each axis"),
            Map.entry("ge08_convT_dilation0", "dilation=[0, 0] must be positive on each axis"),
            Map.entry("ge09_conv_negative_padding", "padding=[-1, -1] must be non-negative on each axis"),
            Map.entry("ge10_conv_channel_mismatch", "input [1, 3, 5, 5] has 3 channels; weight [4, 2, 3, 3] with groups=1 expects 2"),
            Map.entry("ge11_convT_input_rank2", "input must be 4-D [N, C, H, W]; got shape [5, 5] (rank 2)"));

    private static final Map<String, String> LAYER_WORDING = Map.of(
            "ge01_conv_in_not_div_groups", "Conv2d: input [1, 5, 5, 5] has 5 channels; the layer expects inChannels=4",
            "ge02_conv_out_not_div_groups", "outChannels=3 must be divisible by groups=2",
            "ge10_conv_channel_mismatch", "Conv2d: input [1, 3, 5, 5] has 3 channels; the layer expects inChannels=2",
            "ge11_convT_input_rank2", "ConvTranspose2d: input must be 4-D [N, C, H, W] or 3-D [C, H, W]; got shape [5, 5] (rank 2)");

    private ConvErrorMessages() {
    }

    /** The fragment for case {@code id} through the functional API; fails on an unknown id. */
    public static String functional(String id) {
        String fragment = FUNCTIONAL.get(id);
        if (fragment == null) {
            throw new AssertionError("no expected message for golden error case " + id);
        }
        return fragment;
    }

    /** The fragment for case {@code id} through Conv2d / ConvTranspose2d. */
    public static String layers(String id) {
        return LAYER_WORDING.getOrDefault(id, functional(id));
    }
}
