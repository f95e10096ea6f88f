package org.websockets4j.http;

/** Raised when a parameter name in an extension header is not known (Python websockets' {@code InvalidParameterName}). */
public class InvalidParameterName extends NegotiationError {
    private static final long serialVersionUID = 1L;

    /** What {@link #name()} returns. */
    private final String name;

    /**
     * Creates the exception.
     *
     * @param name the unknown parameter
     */
    public InvalidParameterName(String name) {
        super("invalid parameter name: " + name);
        this.name = name;
    }

    /** {@return the unknown parameter} */
    public String name() {
        return name;
    }
}
