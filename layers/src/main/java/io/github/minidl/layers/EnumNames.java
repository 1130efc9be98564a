package io.github.minidl.layers;

import java.util.function.BiPredicate;

/**
 * Finds an enum constant by the name it is written under outside Java: a file format's tag such
 * as {@code "F32"}, or a command-line word such as {@code "adamw"}. Returns null when no constant
 * has that name, so that each caller says in its own words what it expected.
 */
public final class EnumNames {
    private EnumNames() {
    }

    /** The constant of {@code type} whose {@link Enum#name()} is {@code name}, or null (also for a null name). */
    public static <E extends Enum<E>> E exact(Class<E> type, String name) {
        return find(type, name, String::equals);
    }

    /** The constant of {@code type} whose {@link Enum#name()} is {@code name} up to case, or null. */
    public static <E extends Enum<E>> E ignoringCase(Class<E> type, String name) {
        return find(type, name, String::equalsIgnoreCase);
    }

    private static <E extends Enum<E>> E find(Class<E> type, String name, BiPredicate<String, String> same) {
        for (E constant : type.getEnumConstants()) {
            if (same.test(constant.name(), name)) {
                return constant;
            }
        }
        return null;
    }
}
