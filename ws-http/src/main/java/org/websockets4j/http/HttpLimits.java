package org.websockets4j.http;

/**
 * The fixed limits of {@link RequestReader} and {@link ResponseReader}: a peer that exceeds one
 * gets a {@link SecurityError} whose message names the limit, raised as soon as the offending byte
 * arrives, so that a hostile peer never makes a reader hold more than these limits.
 *
 * <p>A handshake is a few hundred bytes; the limits leave room for large cookies and many headers
 * behind proxies while keeping a connection that has not been authenticated yet cheap:
 * one reader holds at most about {@link #MAX_HEAD_SIZE} bytes of head, plus
 * {@link #MAX_BODY_SIZE} of body for a response, plus one line of chunked framing.
 */
public final class HttpLimits {
    /**
     * The longest line of a head, in bytes, not counting its CRLF: the request or status line,
     * each header line, each chunk-size line and each trailer line. Large cookies are the usual
     * long line.
     */
    public static final int MAX_LINE_LENGTH = 8192;

    /** The most header fields in a head (each line counts, so two {@code Cookie} lines count twice); also the most trailer fields. */
    public static final int MAX_HEADERS = 256;

    /**
     * The largest head, in bytes, from the first byte of the request or status line to the LF of
     * the blank line that ends it, CRLFs included. Also the largest trailer section of a chunked
     * body, and the most bytes of chunk framing (chunk-size lines with their extensions, CRLFs) in
     * one body, so that a whole response is bounded.
     */
    public static final int MAX_HEAD_SIZE = 64 * 1024;

    /**
     * The largest response body, in bytes (after chunked decoding): enough for the error page that
     * a client reports when a server refuses the handshake.
     */
    public static final int MAX_BODY_SIZE = 1024 * 1024;

    private HttpLimits() {
    }
}
