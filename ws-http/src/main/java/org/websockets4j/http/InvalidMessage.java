package org.websockets4j.http;

/**
 * Raised when a handshake request or response is malformed: not HTTP/1.1, a bad request or status line, a header that is not a token / field value, obsolete line folding.
 */
public class InvalidMessage extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what was wrong.
     *
     * @param message what was wrong
     */
    public InvalidMessage(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what was wrong
     * @param cause   the failure behind it
     */
    public InvalidMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
