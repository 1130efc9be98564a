package io.github.minidl.layers.optim;

import io.github.minidl.layers.checkpoint.OptimizerState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Map;

/**
 * How an optimiser's options record is saved in an {@link OptimizerState}, read back, and copied
 * with one value changed. Saved is every component under PyTorch's name, which is the component's
 * name in snake_case ({@code weightDecay} is {@code weight_decay}), numbers as scalars and booleans
 * as flags, in declaration order. Reading and copying go through the record's constructor, so a
 * value out of range is refused as it is when building the options by hand. Options records have
 * only {@code double} and {@code boolean} components.
 */
final class OptionsCodec {
    private OptionsCodec() {
    }

    /** Puts every component of {@code options} into {@code scalars} or {@code flags}. */
    static void write(Record options, Map<String, Double> scalars, Map<String, Boolean> flags) {
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            Object value = invoke(() -> c.getAccessor().invoke(options));
            if (value instanceof Boolean b) {
                flags.put(key(c), b);
            } else {
                scalars.put(key(c), (Double) value);
            }
        }
    }

    /**
     * The options saved in {@code s}. {@code maximize} may be absent from states saved before it
     * existed, and is then false.
     *
     * @throws IllegalArgumentException naming the key when a value is missing or out of range
     */
    static <O extends Record> O read(Class<O> type, OptimizerState s) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = key(components[i]);
            values[i] = components[i].getType() == boolean.class ? flag(s, key) : Optimizer.scalar(s, key);
        }
        return construct(type, values);
    }

    /**
     * A copy of {@code options} with component {@code name} set to {@code value}, checked by the
     * record's constructor like any other options.
     */
    static <O extends Record> O copyWith(O options, String name, Object value) {
        @SuppressWarnings("unchecked") // a record class is final: the options' class is O itself
        Class<O> type = (Class<O>) options.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            found |= c.getName().equals(name);
            values[i] = c.getName().equals(name) ? value : invoke(() -> c.getAccessor().invoke(options));
        }
        if (!found) {
            throw new IllegalStateException(type.getSimpleName() + " has no component '" + name + "'");
        }
        return construct(type, values);
    }

    private static <O extends Record> O construct(Class<O> type, Object[] values) {
        Class<?>[] types = new Class<?>[values.length];
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < types.length; i++) {
            types[i] = components[i].getType();
        }
        return invoke(() -> type.getDeclaredConstructor(types).newInstance(values));
    }

    private static boolean flag(OptimizerState s, String key) {
        if (key.equals("maximize")) {
            return s.flag(key).orElse(false);
        }
        return s.flag(key).orElseThrow(() -> new IllegalArgumentException("optimizer state of type " + s.type()
                + " has no flag '" + key + "'; flags: " + s.flags().keySet()));
    }

    private static String key(RecordComponent c) {
        return c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private interface Reflective<T> {
        T call() throws ReflectiveOperationException;
    }

    /** Runs a reflective call; an exception the record itself threw (its range checks) passes unchanged. */
    private static <T> T invoke(Reflective<T> call) {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("options records have public accessors and constructor", e);
        }
    }
}
