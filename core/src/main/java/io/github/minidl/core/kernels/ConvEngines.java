package io.github.minidl.core.kernels;

import io.github.minidl.core.onednn.OneDnnEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per process, the engine under the float32 convolutions. The system property
 * {@value #PROPERTY} says which: {@code auto} (the default: oneDNN when its natives load, else
 * minidl's own kernels), {@code own}, or {@code onednn} (an error when oneDNN cannot load). Set it
 * before the first convolution runs; later changes are not seen.
 */
public final class ConvEngines {
    /** The system property naming the engine. */
    public static final String PROPERTY = "minidl.engine";

    /** The values {@value #PROPERTY} accepts. */
    public static final List<String> CHOICES = List.of("auto", "own", "onednn");

    private static final Logger log = LoggerFactory.getLogger(ConvEngines.class);
    private static volatile ConvEngine current;
    private static OneDnnLoad oneDnn;

    private ConvEngines() {
    }

    /** The engine float32 convolutions run on, chosen from {@value #PROPERTY} at the first call. */
    public static ConvEngine current() {
        ConvEngine e = current;
        if (e == null) {
            synchronized (ConvEngines.class) {
                if (current == null) {
                    current = fromProperty();
                }
                e = current;
            }
        }
        return e;
    }

    /** minidl's own kernels: always available, and the only engine for float64. */
    public static ConvEngine own() {
        return OwnEngine.INSTANCE;
    }

    /** oneDNN's convolutions, or empty when its natives cannot be loaded on this machine. */
    public static synchronized Optional<ConvEngine> oneDnn() {
        return Optional.ofNullable(loadOneDnn().engine);
    }

    /** Every engine that runs on this machine, own first. */
    public static List<ConvEngine> available() {
        List<ConvEngine> all = new ArrayList<>(List.of(own()));
        oneDnn().ifPresent(all::add);
        return all;
    }

    /** The engine {@value #PROPERTY} names now (auto when unset). */
    static ConvEngine fromProperty() {
        return select(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * The engine a value of {@value #PROPERTY} names.
     *
     * @throws IllegalArgumentException for a value other than auto, own or onednn
     * @throws IllegalStateException    for onednn when oneDNN cannot be loaded
     */
    static synchronized ConvEngine select(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "own":
                return own();
            case "onednn": {
                OneDnnLoad load = loadOneDnn();
                if (load.engine == null) {
                    throw new IllegalStateException(PROPERTY + "=onednn but oneDNN cannot be loaded: "
                            + load.failure + " (use " + PROPERTY + "=auto or own)");
                }
                return load.engine;
            }
            case "auto": {
                OneDnnLoad load = loadOneDnn();
                if (load.engine == null) {
                    log.info("oneDNN unavailable ({}); float32 convolutions run on minidl's own kernels",
                            load.failure);
                    return own();
                }
                return load.engine;
            }
            default:
                throw new IllegalArgumentException(String.format(
                        "%s=%s must be one of %s", PROPERTY, value, String.join(", ", CHOICES)));
        }
    }

    private static OneDnnLoad loadOneDnn() {
        if (oneDnn == null) {
            try {
                oneDnn = new OneDnnLoad(OneDnnEngine.load(own()), null);
            } catch (LinkageError | RuntimeException e) {
                // Another OS or CPU: natives missing or refusing to start. Own kernels still run.
                oneDnn = new OneDnnLoad(null, e.toString());
            }
        }
        return oneDnn;
    }

    private record OneDnnLoad(ConvEngine engine, String failure) {
    }
}
