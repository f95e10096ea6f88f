package org.websockets4j.http;

/**
 * Raised by a client when the server answers the handshake with a status other than 101 (Python
 * websockets' {@code InvalidStatusCode}). Carries the status and the response body, if any, so
 * that the caller can report why the server refused.
 */
public class InvalidStatusCode extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #statusCode()} returns. */
    private final int statusCode;
    /** What {@link #body()} returns. */
    private final byte[] body;

    /**
     * Creates the exception.
     *
     * @param statusCode the status received
     */
    public InvalidStatusCode(int statusCode) {
        this(statusCode, new byte[0]);
    }

    /**
     * Creates the exception.
     *
     * @param statusCode the status received
     * @param body       the response body (copied; empty when there was none)
     */
    public InvalidStatusCode(int statusCode, byte[] body) {
        super("server rejected WebSocket connection: HTTP " + statusCode);
        this.statusCode = statusCode;
        this.body = body.clone();
    }

    /** {@return the HTTP status code received} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return a copy of the response body; empty when there was none} */
    public byte[] body() {
        return body.clone();
    }
}
