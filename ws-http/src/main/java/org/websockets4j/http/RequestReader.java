package org.websockets4j.http;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Incremental, Sans-I/O reader of a WebSocket handshake request: feed it the bytes a server
 * receives, split anywhere, and it returns the {@link Request} once its head is complete.
 *
 * <p>Call {@link #read(ByteBuffer)} with whatever bytes have arrived. It consumes exactly the
 * request head, up to the LF of the blank line that ends it, and no further: bytes after the head
 * (the client's first frames may share a TCP segment with its request) stay in the buffer for the
 * WebSocket connection. When the peer closes the connection, call {@link #eof()}.
 *
 * <p><b>What it accepts.</b> A request line that is exactly {@code GET SP request-target SP HTTP/1.1};
 * the target is kept as sent, not decoded: any visible ASCII or obs-text character, no space or
 * control. The target must be origin-form, a path starting with {@code /} (maybe with a query), or
 * absolute-form, an {@code http}, {@code https}, {@code ws} or {@code wss} URI with a host and no
 * user information (RFC 6455 §4.1, RFC 9112 §3.2); asterisk-form ({@code *}), authority-form
 * ({@code host:port}) and anything else are refused. With an absolute-form target, a single
 * {@code Host} header must name the same host and port as the target's authority (case and a
 * default port aside): RFC 9112 §3.2.2 makes the target win, and a request whose two hosts
 * disagree is refused rather than left for a handler to misread. {@link Request#resourceName()}
 * gives the path and query of either form. Header lines {@code name: value}, where the name is a token directly followed by the
 * colon (RFC 9112 §5.1) and the value holds field-vchars, spaces, tabs and obs-text (RFC 9110 §5.5);
 * whitespace around the value is dropped. Bytes 0x80-0xFF become characters U+0080-U+00FF
 * (ISO-8859-1), so no input can cause a decoding error. Lines end with CRLF only: a bare LF or a
 * bare CR is refused, because two parsers that disagree on where a line ends are how request
 * smuggling starts. Obsolete line folding is refused. A handshake request has no body: a
 * {@code Transfer-Encoding} or a non-zero {@code Content-Length} is refused rather than leaving the
 * body to be misread as frames.
 *
 * <p><b>Limits</b> ({@link HttpLimits}), enforced as each byte arrives so that a hostile peer
 * never makes the reader hold more than {@value HttpLimits#MAX_HEAD_SIZE} bytes: lines of at most
 * {@value HttpLimits#MAX_LINE_LENGTH} bytes excluding CRLF, at most {@value HttpLimits#MAX_HEADERS}
 * header fields, a head of at most {@value HttpLimits#MAX_HEAD_SIZE} bytes. Exceeding one raises
 * {@link SecurityError}.
 *
 * <p>Checking the headers themselves ({@code Host}, {@code Upgrade}, {@code Sec-WebSocket-Key}...)
 * is the handshake's job, not this reader's.
 *
 * <p>Not thread-safe: one reader per connection, driven by one thread at a time. One reader reads
 * one request. After it throws, it is failed and every later call throws
 * {@link IllegalStateException}.
 */
public final class RequestReader {
    private static final String WHAT = "HTTP request head";

    private final HeadReader head = HeadReader.forHead(WHAT);
    private String method;
    private String path;
    private RequestTarget.Absolute absolute;
    private Request request;
    private boolean ended;
    private boolean failed;

    /** A reader waiting for the first byte of a request. */
    public RequestReader() {
    }

    /**
     * Consumes bytes of the request head from {@code in} and returns the request once the head is
     * complete, leaving any later bytes in {@code in}; returns null when {@code in} ran out first
     * (its bytes are then consumed and kept). Once the request is complete, further calls return it
     * again and consume nothing.
     *
     * @param in the bytes received; its position advances past what was consumed
     * @return the request, or null when more bytes are needed
     * @throws UnsupportedMethod     when the request is well formed but its method is not GET (answer 405 with {@code Allow: GET})
     * @throws InvalidMessage        when the request is malformed, not HTTP/1.1, or its target is neither
     *                               a path nor an absolute URI (answer 400)
     * @throws SecurityError         when the request exceeds a limit of {@link HttpLimits}
     * @throws IllegalStateException when an earlier call threw, or after {@link #eof()}
     */
    public Request read(ByteBuffer in) {
        checkUsable();
        if (ended) {
            throw new IllegalStateException("the input already ended");
        }
        try {
            return advance(in);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Tells the reader the input ended (the peer closed the connection).
     *
     * @return the request, when it was complete
     * @throws IncompleteMessage     when the input ended before the end of the head;
     *                               {@link IncompleteMessage#bytesReceived()} is 0 when nothing came
     * @throws IllegalStateException when an earlier call threw
     */
    public Request eof() {
        checkUsable();
        ended = true;
        if (request == null) {
            failed = true;
            throw new IncompleteMessage("connection closed while reading the " + WHAT
                    + " (" + head.size() + " bytes received)", head.size());
        }
        return request;
    }

    /** Bytes the reader holds: the head consumed so far, never more than {@link HttpLimits#MAX_HEAD_SIZE}. */
    long bufferedBytes() {
        return head.heldBytes();
    }

    private Request advance(ByteBuffer in) {
        if (request != null) {
            return request;
        }
        if (method == null) {
            String requestLine = head.readLine(in);
            if (requestLine == null) {
                return null;
            }
            parseRequestLine(requestLine);
        }
        if (!head.readFields(in)) {
            return null;
        }
        Headers headers = head.headers();
        if (headers.contains("Transfer-Encoding")) {
            throw new InvalidMessage("a WebSocket handshake request must not have a body, but it has a Transfer-Encoding");
        }
        long length = HeadReader.contentLength(headers, WHAT);
        if (length > 0) {
            throw new InvalidMessage("a WebSocket handshake request must not have a body, but its Content-Length is " + length);
        }
        List<String> hosts = headers.getAll("Host");
        if (absolute != null && hosts.size() == 1 && !RequestTarget.sameAuthority(absolute, hosts.get(0))) {
            // RFC 9112 §3.2.2 makes the target's authority win over Host; rather than let a handler
            // read a Host that the request does not mean, refuse the disagreement.
            throw new InvalidMessage("the Host header " + Tokens.quoteForMessage(hosts.get(0))
                    + " does not match the authority of the request-target " + Tokens.quoteForMessage(absolute.authority()));
        }
        request = new Request(method, path, headers);
        return request;
    }

    private void parseRequestLine(String line) {
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first || last == line.length() - 1) {
            throw new InvalidMessage("invalid HTTP request line: " + HeadReader.quote(line));
        }
        String requestMethod = line.substring(0, first);
        String target = line.substring(first + 1, last);
        if (!Tokens.isToken(requestMethod)) {
            throw new InvalidMessage("invalid HTTP request line: the method is not a token: " + HeadReader.quote(line));
        }
        HeadReader.checkVersion(line.substring(last + 1), "HTTP request line", line);
        if (!isTarget(target)) {
            throw new InvalidMessage("invalid HTTP request line: the target is empty or holds a space or a control character: "
                    + HeadReader.quote(line));
        }
        if (!requestMethod.equals("GET")) {
            throw new UnsupportedMethod(requestMethod);
        }
        if (!RequestTarget.isOriginForm(target)) {
            absolute = RequestTarget.parseAbsolute(target);
            if (absolute == null) {
                throw new InvalidMessage("invalid request-target " + HeadReader.quote(WebSocketUri.redact(target))
                        + ": a WebSocket handshake asks for a path starting with / or an absolute http, https, ws or wss URI"
                        + " (RFC 6455 §4.1)");
            }
            if (RequestTarget.hasUserInfo(absolute)) {
                throw new InvalidMessage("invalid request-target: it must not hold user information (RFC 9110 §4.2.4)");
            }
        }
        method = requestMethod;
        path = target;
    }

    private static boolean isTarget(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            if (!Request.isTargetChar(target.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("this request reader already failed; the stream cannot be resumed");
        }
    }
}
