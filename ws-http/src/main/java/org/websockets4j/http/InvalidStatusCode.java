package org.websockets4j.http;

/**
 * Raised by a client when the server answers the handshake with a status other than 101 (Python
 * websockets' {@code InvalidStatusCode}). Carries the status, the response headers and body, if
 * any, so that the caller can report why the server refused (and, for a 503, honour its
 * {@code Retry-After}).
 */
public class InvalidStatusCode extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #statusCode()} returns. */
    private final int statusCode;
    /** What {@link #body()} returns. */
    private final byte[] body;
    /** What {@link #headers()} returns. */
    private final Headers headers;

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
        this(statusCode, new Headers(), body);
    }

    /**
     * Creates the exception.
     *
     * @param statusCode the status received
     * @param headers    the response headers (an immutable copy is kept)
     * @param body       the response body (copied; empty when there was none)
     * @throws NullPointerException when {@code headers} or {@code body} is null
     */
    public InvalidStatusCode(int statusCode, Headers headers, byte[] body) {
        super("server rejected WebSocket connection: HTTP " + statusCode);
        this.statusCode = statusCode;
        this.headers = headers.immutableCopy();
        this.body = body.clone();
    }

    /** {@return the HTTP status code received} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the response headers, immutable; empty when not known} */
    public Headers headers() {
        return headers;
    }

    /** {@return a copy of the response body; empty when there was none} */
    public byte[] body() {
        return body.clone();
    }
}
