package io.github.minidl.examples.data;

/** An IDX file that is not what its name or header says: wrong magic, truncated, implausible sizes. */
public class IdxFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error whose message names the file, the value found and the rule it breaks. */
    public IdxFormatException(String message) {
        super(message);
    }
}
