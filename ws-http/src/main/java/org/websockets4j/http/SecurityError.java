package org.websockets4j.http;

/**
 * Raised when a handshake request or response breaks a security rule: a line, a header count, a head or a body above the reader's limits. The limits are fixed and documented on the readers.
 */
public class SecurityError extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what was wrong.
     *
     * @param message what was wrong
     */
    public SecurityError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what was wrong
     * @param cause   the failure behind it
     */
    public SecurityError(String message, Throwable cause) {
        super(message, cause);
    }
}
