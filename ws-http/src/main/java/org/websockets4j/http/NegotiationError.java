package org.websockets4j.http;

/** Raised when negotiating an extension or a subprotocol fails (Python websockets' {@code NegotiationError}). */
public class NegotiationError extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that says what could not be agreed.
     *
     * @param message what could not be agreed
     */
    public NegotiationError(String message) {
        super(message);
    }
}
