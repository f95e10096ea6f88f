package org.websockets4j.http;

/** Raised when a parameter value in an extension header is not acceptable (Python websockets' {@code InvalidParameterValue}). */
public class InvalidParameterValue extends NegotiationError {
    private static final long serialVersionUID = 1L;

    /** What {@link #name()} returns. */
    private final String name;
    /** What {@link #value()} returns. */
    private final String value;

    /**
     * Creates the exception.
     *
     * @param name  the parameter
     * @param value its value, or null when it had none
     */
    public InvalidParameterValue(String name, String value) {
        super("invalid value for parameter " + name + ": " + value);
        this.name = name;
        this.value = value;
    }

    /** {@return the parameter} */
    public String name() {
        return name;
    }

    /** {@return the value received, or null when the parameter had none} */
    public String value() {
        return value;
    }
}
