package org.websockets4j.http;

/**
 * Thrown to abort the opening handshake on purpose and send an HTTP response instead (Python
 * websockets' {@code AbortHandshake}): a server's request hook or check throws it, and the server
 * writes the status, headers and body given here.
 */
public class AbortHandshake extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #status()} returns. */
    private final int status;
    /** What {@link #headers()} returns. */
    private final Headers headers;
    /** What {@link #body()} returns. */
    private final byte[] body;

    /**
     * Creates the exception.
     *
     * @param status  the HTTP status to send (100-599)
     * @param headers the response headers (copied)
     * @param body    the response body (copied)
     * @throws IllegalArgumentException when the status is not a valid HTTP status
     */
    public AbortHandshake(int status, Headers headers, byte[] body) {
        super(describe(status, headers, body));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100-599, got " + status);
        }
        this.status = status;
        this.headers = headers.immutableCopy();
        this.body = body.clone();
    }

    private static String describe(int status, Headers headers, byte[] body) {
        java.util.Objects.requireNonNull(headers, "headers");
        java.util.Objects.requireNonNull(body, "body");
        return "HTTP " + status + ", " + headers.size() + " headers, " + body.length + " bytes";
    }

    /** {@return the HTTP status to send} */
    public int status() {
        return status;
    }

    /** {@return the response headers (immutable)} */
    public Headers headers() {
        return headers;
    }

    /** {@return a copy of the response body} */
    public byte[] body() {
        return body.clone();
    }
}
