package org.websockets4j.http;

/**
 * Raised by a client when it cannot open a tunnel through a proxy (Python websockets 15's
 * {@code ProxyError}): the proxy refused, or asked for credentials it did not get or did not
 * accept. The root of the proxy errors; a handshake error, since the connection never reached the
 * WebSocket server.
 *
 * <p>{@link #proxy()} and the message name the proxy with {@link WebSocketUri#redact(String)}
 * applied: the password of {@code user:password@} never appears in either.
 */
public class ProxyError extends InvalidHandshake {
    private static final long serialVersionUID = 1L;

    /** What {@link #proxy()} returns. */
    private final String proxy;

    /**
     * Creates the exception.
     *
     * @param proxy   the proxy's URI; redacted here, so it may hold a password
     * @param message what went wrong
     */
    public ProxyError(String proxy, String message) {
        super("proxy " + WebSocketUri.redact(proxy) + ": " + message);
        this.proxy = WebSocketUri.redact(proxy);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param proxy   the proxy's URI; redacted here, so it may hold a password
     * @param message what went wrong
     * @param cause   the failure behind it
     */
    public ProxyError(String proxy, String message, Throwable cause) {
        super("proxy " + WebSocketUri.redact(proxy) + ": " + message, cause);
        this.proxy = WebSocketUri.redact(proxy);
    }

    /** {@return the proxy's URI, redacted by {@link WebSocketUri#redact(String)}} */
    public String proxy() {
        return proxy;
    }
}
