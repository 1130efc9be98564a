package io.github.minidl.examples;

import io.github.minidl.core.geometry.ReceptiveField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads one layer of a receptive-field stack: {@code K[sS][dD][pP]}, e.g. {@code 3}, {@code 2s2}, {@code 3d2p2}. */
final class LayerConverter implements ITypeConverter<ReceptiveField.Layer> {
    private static final Pattern LAYER = Pattern.compile("(\\d{1,4})(?:s(\\d{1,4}))?(?:d(\\d{1,4}))?(?:p(\\d{1,4}))?");

    @Override
    public ReceptiveField.Layer convert(String value) {
        Matcher m = LAYER.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a layer; write K[sS][dD][pP], e.g. 3, 2s2 or 3d2p2");
        }
        int kernel = Integer.parseInt(m.group(1));
        int stride = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int dilation = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int padding = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        try {
            return new ReceptiveField.Layer(value.strip(), kernel, stride, dilation, padding);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
