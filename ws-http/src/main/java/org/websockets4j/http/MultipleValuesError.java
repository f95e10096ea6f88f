package org.websockets4j.http;

import org.websockets4j.framing.WebSocketException;

/**
 * Raised by {@link Headers#get(String)} when the name has several values, so that a caller
 * expecting one value never silently picks one (Python websockets' {@code MultipleValuesError}).
 * Use {@link Headers#getAll(String)} to read them all.
 */
public class MultipleValuesError extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** What {@link #name()} returns. */
    private final String name;

    /**
     * Creates the exception.
     *
     * @param name the header name that has several values
     */
    public MultipleValuesError(String name) {
        super("more than one " + name + " header found");
        this.name = name;
    }

    /** {@return the header name} */
    public String name() {
        return name;
    }
}
