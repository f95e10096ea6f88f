package org.websockets4j.http;

import org.websockets4j.framing.WebSocketException;

/**
 * Raised when an operation is forbidden in the current state of a connection or handshake. It should never be raised in normal circumstances: it points at a bug or a misuse of a low-level API.
 */
public class InvalidState extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what was wrong.
     *
     * @param message what was wrong
     */
    public InvalidState(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what was wrong
     * @param cause   the failure behind it
     */
    public InvalidState(String message, Throwable cause) {
        super(message, cause);
    }
}
