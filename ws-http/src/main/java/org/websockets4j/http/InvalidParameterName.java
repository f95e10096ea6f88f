package org.websockets4j.http;

/** Raised when a parameter name in an extension header is not known (Python websockets' {@code InvalidParameterName}). */
public class InvalidParameterName extends NegotiationError {
    private static final long serialVersionUID = 1L;

    private final String name;

    /** @param name the unknown parameter */
    public InvalidParameterName(String name) {
        super("invalid parameter name: " + name);
        this.name = name;
    }

    /** The unknown parameter. */
    public String name() {
        return name;
    }
}
