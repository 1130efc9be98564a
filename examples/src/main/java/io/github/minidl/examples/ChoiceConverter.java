package io.github.minidl.examples;

import io.github.minidl.layers.EnumNames;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@link CliChoice} from its command-line name, ignoring case; an unknown name fails with
 * the choices, e.g. {@code 'foo' is not a model; expected standard, separable or dilated}.
 */
final class ChoiceConverter<E extends Enum<E> & CliChoice> implements ITypeConverter<E> {
    private final Class<E> type;
    private final String what;

    /** A converter to {@code type}, whose values are {@code what}, e.g. "a model". */
    ChoiceConverter(Class<E> type, String what) {
        this.type = type;
        this.what = what;
    }

    @Override
    public E convert(String value) {
        E choice = EnumNames.ignoringCase(type, value);
        if (choice == null) {
            throw new TypeConversionException("'" + value + "' is not " + what + "; expected " + choices());
        }
        return choice;
    }

    /** The names as a list in words: "standard, separable or dilated". */
    private String choices() {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(CliChoice::cliName).toList();
        String last = names.get(names.size() - 1);
        return names.size() == 1 ? last : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
    }
}
