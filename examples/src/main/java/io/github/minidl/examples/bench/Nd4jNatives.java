package io.github.minidl.examples.bench;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which of ND4J's native builds this JVM loaded ({@code linux-x86_64}, {@code linux-x86_64-onednn},
 * ...), read from the path JavaCPP loaded libnd4jcpu from, so a benchmark table says which peer it
 * measured. The launcher picks the build with {@code MINIDL_ND4J_NATIVES}.
 */
public final class Nd4jNatives {
    private static final String MARKER = "/bindings/";

    private Nd4jNatives() {
    }

    /** The platform directory of the loaded libnd4jcpu, e.g. {@code linux-x86_64-onednn}, or "unknown". */
    public static String loaded() {
        Nd4j.getBackend();   // loads the natives if nothing has yet
        Map<String, String> libraries = Loader.getLoadedLibraries();
        String path = libraries.get("nd4jcpu");
        return path == null ? "unknown" : platformOf(path);
    }

    /** The directory after {@code /bindings/} in a JavaCPP cache path, or "unknown". */
    static String platformOf(String libraryPath) {
        int at = libraryPath.indexOf(MARKER);
        if (at < 0) {
            return "unknown";
        }
        int start = at + MARKER.length();
        int end = libraryPath.indexOf('/', start);
        return end < 0 ? "unknown" : libraryPath.substring(start, end);
    }
}
