package org.websockets4j.http;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * An HTTP/1.1 request head: what a client sends to open a WebSocket connection, and what
 * {@link RequestReader} returns. A handshake request has no body.
 *
 * <p>Immutable and thread-safe: the headers are held as an {@linkplain Headers#immutableCopy()
 * immutable copy}. The path and header values are ISO-8859-1 on the wire: characters U+0080-U+00FF
 * stand for the obs-text bytes 0x80-0xFF, and nothing else above U+007F is allowed.
 *
 * @param method  the method, a token (RFC 9110 §9.1); a handshake uses {@code GET}
 * @param path    the request-target as sent, not decoded or normalized: usually an origin-form
 *                path and query such as {@code /chat?room=1}; {@link RequestReader} also accepts an
 *                absolute-form URI such as {@code ws://example.com/chat?room=1}, whose path and
 *                query {@link #resourceName()} gives
 * @param headers the header fields, in order
 */
public record Request(String method, String path, Headers headers) {
    /**
     * Validates and freezes the request.
     *
     * @throws IllegalArgumentException when the method is not a token, or the path is empty or
     *                                  holds a space, a control character or a character above U+00FF
     * @throws NullPointerException     when an argument is null
     */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        if (!Tokens.isToken(method)) {
            throw new IllegalArgumentException("HTTP method must be a token (RFC 9110 §9.1): " + Tokens.quoteForMessage(method));
        }
        checkPath(path);
        headers = headers.immutableCopy();
    }

    /**
     * A {@code GET} request for {@code path}: the opening handshake of a WebSocket client.
     *
     * @param path    the request-target, for example {@code /chat?room=1}
     * @param headers the headers (copied)
     * @return the request
     * @throws IllegalArgumentException when the path is invalid, as for the canonical constructor
     */
    public static Request get(String path, Headers headers) {
        return new Request("GET", path, headers);
    }

    /**
     * The resource the request asks for (RFC 6455 §3 calls it the resource name): the path and
     * query of the request-target, not decoded. An origin-form target ({@code /chat?room=1}) is
     * returned as it is; an absolute-form one ({@code ws://example.com/chat?room=1}) gives its path
     * and query ({@code /chat?room=1}), {@code /} when its path is empty. A server hands this, not
     * {@link #path()}, to its handlers, so that both forms of the same request look the same.
     *
     * @return the path and query, starting with {@code /}; null when the target is neither
     *         origin-form nor an absolute http, https, ws or wss URI with a host (never the case
     *         for a request returned by {@link RequestReader})
     */
    public String resourceName() {
        return RequestTarget.resourceName(path);
    }

    /**
     * The request as sent on the wire: {@code METHOD SP path SP HTTP/1.1 CRLF}, one
     * {@code Name: value CRLF} per header field in order, then an empty line. Every character
     * becomes one ISO-8859-1 byte.
     *
     * @return a new array holding the request head
     */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * headers.size());
        HeadReader.writeLatin1(out, method + " " + path + " HTTP/1.1\r\n");
        HeadReader.writeHeaders(out, headers);
        return out.toByteArray();
    }

    /** Whether {@code c} may appear in a request-target: visible ASCII or obs-text, nothing that could split the line. */
    static boolean isTargetChar(char c) {
        return (c > 0x20 && c < 0x7F) || (c >= 0x80 && c <= 0xFF);
    }

    private static void checkPath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("request path must not be empty");
        }
        for (int i = 0; i < path.length(); i++) {
            if (!isTargetChar(path.charAt(i))) {
                throw new IllegalArgumentException("request path holds a space, a control character or a character above U+00FF at index "
                        + i + ": " + Tokens.quoteForMessage(path));
            }
        }
    }
}
