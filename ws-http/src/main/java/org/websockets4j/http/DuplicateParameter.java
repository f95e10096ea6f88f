package org.websockets4j.http;

/** Raised when a parameter name is repeated in an extension header (Python websockets' {@code DuplicateParameter}). */
public class DuplicateParameter extends NegotiationError {
    private static final long serialVersionUID = 1L;

    /** What {@link #name()} returns. */
    private final String name;

    /**
     * Creates the exception.
     *
     * @param name the repeated parameter
     */
    public DuplicateParameter(String name) {
        super("duplicate parameter: " + name);
        this.name = name;
    }

    /** {@return the repeated parameter} */
    public String name() {
        return name;
    }
}
