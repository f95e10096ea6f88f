package org.websockets4j.http;

import org.websockets4j.framing.WebSocketException;

/**
 * Raised during the opening handshake when the WebSocket connection fails (Python websockets' {@code InvalidHandshake}). The root of every handshake error.
 */
public class InvalidHandshake extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what was wrong.
     *
     * @param message what was wrong
     */
    public InvalidHandshake(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what was wrong
     * @param cause   the failure behind it
     */
    public InvalidHandshake(String message, Throwable cause) {
        super(message, cause);
    }
}
