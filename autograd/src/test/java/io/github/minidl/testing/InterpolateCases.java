package io.github.minidl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.minidl.autograd.InterpolateOptions;
import io.github.minidl.autograd.InterpolationMode;

/** Reads the arguments of an {@code interpolate} golden case into {@link InterpolateOptions}. */
public final class InterpolateCases {
    private InterpolateCases() {
    }

    /** Size or scale factor (one or per axis), mode, align corners and recompute_scale_factor. */
    public static InterpolateOptions options(GoldenCase c) {
        JsonNode p = c.params();
        InterpolateOptions o;
        if (!p.get("size").isNull()) {
            o = InterpolateOptions.size(c.ints("size")[0], c.ints("size")[1]);
        } else if (p.get("scale_factor").isArray()) {
            o = InterpolateOptions.scaleFactor(p.get("scale_factor").get(0).asDouble(),
                    p.get("scale_factor").get(1).asDouble());
        } else {
            o = InterpolateOptions.scaleFactor(c.doubleParam("scale_factor"));
        }
        if (p.get("mode").asText().equals("bilinear")) {
            o = o.mode(InterpolationMode.BILINEAR).alignCorners(c.boolParam("align_corners"));
        }
        return p.get("recompute_scale_factor").asBoolean(false) ? o.recomputeScaleFactor() : o;
    }
}
