package org.websockets4j.http;

/**
 * Raised when an HTTP proxy answers {@code CONNECT} with a status other than 2xx (Python
 * websockets 15's {@code InvalidProxyStatus}): {@code 407} when it wants credentials (none, or
 * wrong ones, were in the proxy URI), {@code 403} when its rules forbid the destination,
 * {@code 502}/{@code 504} when it could not reach it. (tinyproxy 1.11 answers wrong credentials
 * with {@code 401} rather than {@code 407}.)
 */
public class InvalidProxyStatus extends ProxyError {
    private static final long serialVersionUID = 1L;

    /** What {@link #statusCode()} returns. */
    private final int statusCode;

    /**
     * Creates the exception.
     *
     * @param proxy      the proxy's URI; redacted here
     * @param statusCode the status received
     * @param reason     the reason phrase received, possibly empty
     */
    public InvalidProxyStatus(String proxy, int statusCode, String reason) {
        super(proxy, "refused the tunnel: HTTP " + statusCode + (reason.isEmpty() ? "" : " " + reason)
                + (statusCode == 407 || statusCode == 401 ? " (give credentials as user:password@ in the proxy URI)" : ""));
        this.statusCode = statusCode;
    }

    /** {@return the HTTP status code received} */
    public int statusCode() {
        return statusCode;
    }
}
