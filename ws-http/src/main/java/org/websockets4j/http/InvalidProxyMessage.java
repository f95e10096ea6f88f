package org.websockets4j.http;

/**
 * Raised when a proxy's answer is malformed (Python websockets 15's {@code InvalidProxyMessage}):
 * not an HTTP/1.x response to {@code CONNECT}, a SOCKS reply of the wrong version or shape, the
 * connection closed mid-answer, or bytes sent before the tunnel was used.
 */
public class InvalidProxyMessage extends ProxyError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param proxy   the proxy's URI; redacted here
     * @param message what was wrong
     */
    public InvalidProxyMessage(String proxy, String message) {
        super(proxy, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param proxy   the proxy's URI; redacted here
     * @param message what was wrong
     * @param cause   the parse error behind it
     */
    public InvalidProxyMessage(String proxy, String message, Throwable cause) {
        super(proxy, message, cause);
    }
}
