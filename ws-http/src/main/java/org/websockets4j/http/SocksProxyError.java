package org.websockets4j.http;

/**
 * Raised when a SOCKS5 proxy answers the client's {@code CONNECT} request with a failure reply
 * (RFC 1928 §6, codes 1-8 and any other nonzero code): the destination could not be reached, or
 * the proxy's rules refused it. Python websockets reports these as {@code ProxyError}; this
 * subclass also carries the code.
 */
public class SocksProxyError extends ProxyError {
    private static final long serialVersionUID = 1L;

    /** What {@link #replyCode()} returns. */
    private final int replyCode;

    /**
     * Creates the exception.
     *
     * @param proxy     the proxy's URI; redacted here
     * @param replyCode the REP field received, 1-255
     */
    public SocksProxyError(String proxy, int replyCode) {
        super(proxy, "refused the tunnel: SOCKS5 reply " + replyCode + " (" + describe(replyCode) + ")");
        this.replyCode = replyCode;
    }

    /** {@return the REP field of the SOCKS5 reply, 1-255} */
    public int replyCode() {
        return replyCode;
    }

    /**
     * The meaning of a SOCKS5 reply code (RFC 1928 §6).
     *
     * @param replyCode the REP field
     * @return its meaning, or "unassigned"
     */
    public static String describe(int replyCode) {
        return switch (replyCode) {
            case 0 -> "succeeded";
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unassigned";
        };
    }
}
