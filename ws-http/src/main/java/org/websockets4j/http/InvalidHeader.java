package org.websockets4j.http;

/**
 * Raised when an HTTP header is missing or does not have a valid format or value (Python
 * websockets' {@code InvalidHeader}).
 */
public class InvalidHeader extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #name()} returns. */
    private final String name;
    /** What {@link #value()} returns. */
    private final String value;

    /**
     * Creates the exception.
     *
     * @param name  the header name
     * @param value the offending value; null when the header is missing, empty when it is empty
     */
    public InvalidHeader(String name, String value) {
        this(name, value, describe(name, value));
    }

    /**
     * For subclasses that phrase their own message.
     *
     * @param name    the header name
     * @param value   the offending value; null when the header is missing
     * @param message the exception message
     */
    protected InvalidHeader(String name, String value, String message) {
        super(message);
        this.name = name;
        this.value = value;
    }

    private static String describe(String name, String value) {
        if (value == null) {
            return "missing " + name + " header";
        }
        if (value.isEmpty()) {
            return "empty " + name + " header";
        }
        return "invalid " + name + " header: " + value;
    }

    /** {@return the header name} */
    public String name() {
        return name;
    }

    /** {@return the offending value: null when the header was missing} */
    public String value() {
        return value;
    }
}
