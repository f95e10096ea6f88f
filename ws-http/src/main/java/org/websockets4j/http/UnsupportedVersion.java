package org.websockets4j.http;

/**
 * Raised by {@link Handshake#checkRequest(Headers)} when the client asks for a WebSocket protocol
 * version other than 13, the only version of RFC 6455.
 *
 * <p>Unlike other handshake errors, which a server answers with 400 Bad Request, RFC 6455 §4.2.2
 * and §4.4 require the server to answer this one with {@value #STATUS} Upgrade Required and a
 * {@code Sec-WebSocket-Version} header listing the versions it supports, so that the client can
 * retry with one of them: send {@link #status()} with {@link #responseHeaders()}.
 */
public class UnsupportedVersion extends InvalidHeaderValue {
    private static final long serialVersionUID = 1L;

    /** The status a server must answer with: 426 Upgrade Required. */
    public static final int STATUS = 426;

    /** The only version this library speaks. */
    public static final String SUPPORTED_VERSION = "13";

    /**
     * Creates the exception.
     *
     * @param version the {@code Sec-WebSocket-Version} value received
     */
    public UnsupportedVersion(String version) {
        super("Sec-WebSocket-Version", version, "unsupported Sec-WebSocket-Version: " + version
                + " (only version " + SUPPORTED_VERSION + " is supported; answer " + STATUS
                + " Upgrade Required with Sec-WebSocket-Version: " + SUPPORTED_VERSION + ")");
    }

    /** {@return the version the client asked for, as received} */
    public String version() {
        return value();
    }

    /** {@return {@value #STATUS}, the status to answer with} */
    public int status() {
        return STATUS;
    }

    /** {@return new mutable headers holding {@code Sec-WebSocket-Version: 13}, to send with {@link #status()}} */
    public Headers responseHeaders() {
        return Headers.of("Sec-WebSocket-Version", SUPPORTED_VERSION);
    }
}
