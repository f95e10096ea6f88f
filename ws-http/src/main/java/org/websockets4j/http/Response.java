package org.websockets4j.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP/1.1 response: what a server answers to a handshake request, and what
 * {@link ResponseReader} returns. A {@code 101 Switching Protocols} response has no body; a refusal
 * usually carries a short error page.
 *
 * <p>Immutable and thread-safe: the headers are held as an {@linkplain Headers#immutableCopy()
 * immutable copy} and the body is copied in and out. The reason phrase and header values are
 * ISO-8859-1 on the wire: characters U+0080-U+00FF stand for the obs-text bytes 0x80-0xFF.
 *
 * @param status  the status code, 100-599
 * @param reason  the reason phrase, possibly empty (RFC 9112 §4: clients should ignore it)
 * @param headers the header fields, in order; {@link #serialize()} writes them as they are, so
 *                a response with a body should say how long it is ({@code Content-Length})
 * @param body    the body, possibly empty, after any chunked decoding
 */
public record Response(int status, String reason, Headers headers, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    /**
     * Validates and freezes the response.
     *
     * @throws IllegalArgumentException when the status is not 100-599, or the reason holds CR, LF,
     *                                  another control character or a character above U+00FF
     * @throws NullPointerException     when an argument is null
     */
    public Response {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100-599, got " + status);
        }
        for (int i = 0; i < reason.length(); i++) {
            if (!Tokens.isFieldValueChar(reason.charAt(i))) {
                throw new IllegalArgumentException("reason phrase holds a forbidden character at index " + i
                        + " (CR, LF and other controls could split the message): " + Tokens.quoteForMessage(reason));
            }
        }
        headers = headers.immutableCopy();
        body = body.length == 0 ? EMPTY : body.clone();
    }

    /**
     * A response without a body.
     *
     * @param status  the status code, 100-599
     * @param reason  the reason phrase, possibly empty
     * @param headers the headers (copied)
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Response(int status, String reason, Headers headers) {
        this(status, reason, headers, EMPTY);
    }

    /** {@return a copy of the body; empty when there is none} */
    @Override
    public byte[] body() {
        return body.length == 0 ? EMPTY : body.clone();
    }

    /**
     * The response as sent on the wire: {@code HTTP/1.1 SP status SP reason CRLF}, one
     * {@code Name: value CRLF} per header field in order, an empty line, then the body as it is.
     * Every character becomes one ISO-8859-1 byte. Nothing is added: no {@code Content-Length},
     * no chunked framing.
     *
     * @return a new array holding the response
     */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * headers.size() + body.length);
        HeadReader.writeLatin1(out, "HTTP/1.1 " + status + " " + reason + "\r\n");
        HeadReader.writeHeaders(out, headers);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Equal when status, reason, headers ({@link Headers#equals}) and body bytes are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Response that && status == that.status && reason.equals(that.reason)
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, headers, Arrays.hashCode(body));
    }

    /** For example {@code Response[101 Switching Protocols, headers={...}, body=0 bytes]}; the body itself is left out. */
    @Override
    public String toString() {
        return "Response[" + status + " " + reason + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
