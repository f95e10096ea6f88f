package org.websockets4j.http;

/**
 * Raised when a header has the right format but a value that is not acceptable (Python
 * websockets' {@code InvalidHeaderValue}), for example a {@code Sec-WebSocket-Key} that does not
 * decode to 16 bytes.
 */
public class InvalidHeaderValue extends InvalidHeader {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name  the header name
     * @param value the offending value (null when missing)
     */
    public InvalidHeaderValue(String name, String value) {
        super(name, value);
    }

    /**
     * For subclasses that phrase their own message.
     *
     * @param name    the header name
     * @param value   the offending value; null when the header is missing
     * @param message the exception message
     */
    protected InvalidHeaderValue(String name, String value, String message) {
        super(name, value, message);
    }
}
